-- CreateTable
CREATE TABLE "fhir_export_job" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "facility_id" UUID,
    "types" TEXT[],
    "since" TIMESTAMPTZ(6),
    "status" TEXT NOT NULL,
    "request_url" TEXT NOT NULL,
    "transaction_time" TIMESTAMPTZ(6) NOT NULL,
    "progress" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "fhir_export_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fhir_export_file" (
    "job_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "ndjson" TEXT NOT NULL,

    CONSTRAINT "fhir_export_file_pkey" PRIMARY KEY ("job_id","seq")
);

-- CreateIndex
CREATE INDEX "fhir_export_job_expires_at_idx" ON "fhir_export_job"("expires_at");

-- AddForeignKey
ALTER TABLE "fhir_export_file" ADD CONSTRAINT "fhir_export_file_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "fhir_export_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
