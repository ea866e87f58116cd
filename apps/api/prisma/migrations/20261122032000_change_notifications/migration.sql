-- Hand-written: tell listening API instances that a synced change committed (DESIGN.md §8).
-- NOTIFY is delivered at commit and PostgreSQL folds identical payloads of one transaction, so a
-- batch of a thousand rows of one facility wakes its devices once. The payload is the facility the
-- change belongs to, or '*' for rows every facility reads (pharmacies, medicines, stock).
CREATE FUNCTION notify_sync_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'facility' THEN
    PERFORM pg_notify('healthsync_changes', NEW.facility_id::text);
  ELSE
    PERFORM pg_notify('healthsync_changes', '*');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER patient_notify AFTER INSERT OR UPDATE ON patient
  FOR EACH ROW EXECUTE FUNCTION notify_sync_change('facility');
CREATE TRIGGER doctor_notify AFTER INSERT OR UPDATE ON doctor
  FOR EACH ROW EXECUTE FUNCTION notify_sync_change('facility');
CREATE TRIGGER appointment_notify AFTER INSERT OR UPDATE ON appointment
  FOR EACH ROW EXECUTE FUNCTION notify_sync_change('facility');
CREATE TRIGGER health_record_notify AFTER INSERT OR UPDATE ON health_record
  FOR EACH ROW EXECUTE FUNCTION notify_sync_change('facility');
CREATE TRIGGER scope_exit_notify AFTER INSERT ON scope_exit
  FOR EACH ROW EXECUTE FUNCTION notify_sync_change('facility');
CREATE TRIGGER pharmacy_notify AFTER INSERT OR UPDATE ON pharmacy
  FOR EACH ROW EXECUTE FUNCTION notify_sync_change('global');
CREATE TRIGGER medicine_notify AFTER INSERT OR UPDATE ON medicine
  FOR EACH ROW EXECUTE FUNCTION notify_sync_change('global');
CREATE TRIGGER inventory_item_notify AFTER INSERT OR UPDATE ON inventory_item
  FOR EACH ROW EXECUTE FUNCTION notify_sync_change('global');
