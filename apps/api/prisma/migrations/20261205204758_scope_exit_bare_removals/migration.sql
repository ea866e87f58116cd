-- Hand-written: a scope exit carries everything its removal says, so the old facility's pull never
-- reads the row itself (whose later contents belong to the new facility).
ALTER TABLE "scope_exit" ADD COLUMN "resource_type" TEXT,
ADD COLUMN "server_version" INTEGER;

-- Exits recorded before this migration: the best we know (the row as it is now, or its type).
UPDATE scope_exit e SET server_version = t.server_version FROM patient t
 WHERE e.entity_type = 'Patient' AND t.id = e.entity_id;
UPDATE scope_exit e SET server_version = t.server_version FROM doctor t
 WHERE e.entity_type = 'Doctor' AND t.id = e.entity_id;
UPDATE scope_exit e SET server_version = t.server_version FROM appointment t
 WHERE e.entity_type = 'Appointment' AND t.id = e.entity_id;
UPDATE scope_exit e SET server_version = t.server_version, resource_type = t.resource_type
  FROM health_record t
 WHERE e.entity_type = 'HealthRecord' AND t.id = e.entity_id;
UPDATE scope_exit SET resource_type = COALESCE(resource_type, entity_type),
                      server_version = COALESCE(server_version, 1)
 WHERE resource_type IS NULL OR server_version IS NULL;

ALTER TABLE "scope_exit" ALTER COLUMN "resource_type" SET NOT NULL,
ALTER COLUMN "server_version" SET NOT NULL;

-- The type the old facility knew (OLD: an edit in the same statement is not theirs to learn) and
-- the version the move gave the row (NEW: at least the one their devices hold, so it applies).
CREATE OR REPLACE FUNCTION record_scope_exit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.facility_id IS NOT NULL AND OLD.facility_id IS DISTINCT FROM NEW.facility_id THEN
    INSERT INTO scope_exit (entity_type, entity_id, facility_id, stamp, resource_type, server_version)
    VALUES (TG_ARGV[0], OLD.id, OLD.facility_id,
            (extract(epoch FROM next_change_stamp()) * 1000000)::bigint,
            COALESCE(to_jsonb(OLD) ->> 'resource_type', TG_ARGV[0]), NEW.server_version);
  END IF;
  RETURN NULL;
END
$$;
