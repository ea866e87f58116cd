-- CreateTable
CREATE TABLE "sync_batch" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "device_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "receipt" JSONB,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(6),

    CONSTRAINT "sync_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_change_key" (
    "key" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_change_key_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "sync_conflict" (
    "id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "entity_type" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "entity_id" UUID NOT NULL,
    "facility_id" UUID,
    "source" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "device_id" TEXT,
    "batch_id" UUID,
    "client_change_id" TEXT,
    "client_version" TEXT NOT NULL,
    "server_stamp" BIGINT NOT NULL,
    "server_version" INTEGER NOT NULL,
    "client_changes" JSONB NOT NULL,
    "client_changed_fields" TEXT[],
    "server_changed_fields" TEXT[],
    "server_row" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(6),
    "resolved_by" UUID,

    CONSTRAINT "sync_conflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scope_exit" (
    "id" BIGSERIAL NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" UUID NOT NULL,
    "facility_id" UUID NOT NULL,
    "stamp" BIGINT NOT NULL,

    CONSTRAINT "scope_exit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_purge" (
    "id" INTEGER NOT NULL,
    "watermark" BIGINT NOT NULL,
    "purged_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "sync_purge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sync_batch_user_id_created_at_idx" ON "sync_batch"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "sync_batch_status_idx" ON "sync_batch"("status");

-- CreateIndex
CREATE INDEX "sync_conflict_user_id_status_idx" ON "sync_conflict"("user_id", "status");

-- CreateIndex
CREATE INDEX "sync_conflict_status_created_at_idx" ON "sync_conflict"("status", "created_at");

-- CreateIndex
CREATE INDEX "scope_exit_facility_id_stamp_idx" ON "scope_exit"("facility_id", "stamp");

-- Hand-written: scope removals (DESIGN.md §5, invariant 7). When a row's facility changes, the old
-- facility's devices must learn that it left their scope: record the exit with its own change stamp,
-- so it travels in the feed like any change.
CREATE FUNCTION record_scope_exit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.facility_id IS NOT NULL AND OLD.facility_id IS DISTINCT FROM NEW.facility_id THEN
    INSERT INTO scope_exit (entity_type, entity_id, facility_id, stamp)
    VALUES (TG_ARGV[0], OLD.id, OLD.facility_id, (extract(epoch FROM next_change_stamp()) * 1000000)::bigint);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER patient_scope_exit AFTER UPDATE OF facility_id ON patient
  FOR EACH ROW EXECUTE FUNCTION record_scope_exit('Patient');
CREATE TRIGGER doctor_scope_exit AFTER UPDATE OF facility_id ON doctor
  FOR EACH ROW EXECUTE FUNCTION record_scope_exit('Doctor');
CREATE TRIGGER appointment_scope_exit AFTER UPDATE OF facility_id ON appointment
  FOR EACH ROW EXECUTE FUNCTION record_scope_exit('Appointment');
CREATE TRIGGER health_record_scope_exit AFTER UPDATE OF facility_id ON health_record
  FOR EACH ROW EXECUTE FUNCTION record_scope_exit('HealthRecord');
