-- Change stamps (DESIGN.md §5). Hand-written: valid on PostgreSQL 15 and on PGlite.
--
-- Every insert or update of a synced row takes the next stamp from the single sync_clock row.
-- The UPDATE locks that row until the writing transaction commits, so a second writer waits for
-- the first to commit before it gets its stamp: stamps are unique and increase in commit order.
-- Writers must run at READ COMMITTED (the default); at REPEATABLE READ the second writer fails
-- with a serialization error instead of waiting.

INSERT INTO sync_clock (id, last) VALUES (1, 'epoch') ON CONFLICT DO NOTHING;

CREATE FUNCTION next_change_stamp() RETURNS timestamptz
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  stamp timestamptz;
BEGIN
  UPDATE sync_clock
     SET last = GREATEST(clock_timestamp(), last + interval '1 microsecond')
   WHERE id = 1
  RETURNING last INTO stamp;
  IF stamp IS NULL THEN
    RAISE EXCEPTION 'sync_clock has no row with id 1';
  END IF;
  RETURN stamp;
END
$$;

-- updated_at is the stamp; the stamp column holds the same instant as microseconds since the Unix
-- epoch (extract returns numeric since PostgreSQL 14, so the conversion is exact).
CREATE FUNCTION stamp_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  change_stamp timestamptz := next_change_stamp();
BEGIN
  NEW.updated_at := change_stamp;
  NEW.stamp := (extract(epoch FROM change_stamp) * 1000000)::bigint;
  IF TG_OP = 'INSERT' THEN
    NEW.server_version := 1;
  ELSE
    NEW.server_version := OLD.server_version + 1;
    NEW.created_at := OLD.created_at;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER patient_stamp_change BEFORE INSERT OR UPDATE ON patient
  FOR EACH ROW EXECUTE FUNCTION stamp_change();
CREATE TRIGGER doctor_stamp_change BEFORE INSERT OR UPDATE ON doctor
  FOR EACH ROW EXECUTE FUNCTION stamp_change();
CREATE TRIGGER appointment_stamp_change BEFORE INSERT OR UPDATE ON appointment
  FOR EACH ROW EXECUTE FUNCTION stamp_change();
CREATE TRIGGER pharmacy_stamp_change BEFORE INSERT OR UPDATE ON pharmacy
  FOR EACH ROW EXECUTE FUNCTION stamp_change();
CREATE TRIGGER medicine_stamp_change BEFORE INSERT OR UPDATE ON medicine
  FOR EACH ROW EXECUTE FUNCTION stamp_change();
CREATE TRIGGER inventory_item_stamp_change BEFORE INSERT OR UPDATE ON inventory_item
  FOR EACH ROW EXECUTE FUNCTION stamp_change();
CREATE TRIGGER health_record_stamp_change BEFORE INSERT OR UPDATE ON health_record
  FOR EACH ROW EXECUTE FUNCTION stamp_change();

-- The audit log is append-only (DESIGN.md §6). A statement trigger also refuses an UPDATE or
-- DELETE that matches no row, and TRUNCATE, which row triggers never see.
CREATE FUNCTION reject_audit_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_log_change();
