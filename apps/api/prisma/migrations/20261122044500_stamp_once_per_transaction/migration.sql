-- Hand-written: the same change stamps, without updating sync_clock once per row.
--
-- Updating one row N times in one transaction costs O(N²) (each update walks the row's growing
-- chain of versions): a 1,000-row batch spent most of its time here. Now the first stamp of a
-- transaction updates sync_clock (taking its row lock until commit, as before); later stamps of the
-- same transaction continue from a transaction-local setting; and at commit a deferred trigger
-- writes the transaction's last stamp to sync_clock once, so the next writer still starts above it.
-- The guarantees are unchanged: unique stamps, increasing in commit order, and sync_clock.last at
-- commit is the highest stamp the transaction used.

CREATE OR REPLACE FUNCTION next_change_stamp() RETURNS timestamptz
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  previous text := current_setting('healthsync.tx_stamp', true);
  stamp timestamptz;
BEGIN
  IF previous IS NOT NULL AND previous <> '' THEN
    stamp := GREATEST(clock_timestamp(), previous::timestamptz + interval '1 microsecond');
  ELSE
    UPDATE sync_clock
       SET last = GREATEST(clock_timestamp(), last + interval '1 microsecond')
     WHERE id = 1
    RETURNING last INTO stamp;
    IF stamp IS NULL THEN
      RAISE EXCEPTION 'sync_clock has no row with id 1';
    END IF;
  END IF;
  -- is_local: the setting ends with the transaction (and is undone with a rolled-back savepoint,
  -- together with the sync_clock update it may have made).
  PERFORM set_config('healthsync.tx_stamp', stamp::text, true);
  RETURN stamp;
END
$$;

CREATE FUNCTION flush_change_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_stamp text := current_setting('healthsync.tx_stamp', true);
BEGIN
  IF last_stamp IS NOT NULL AND last_stamp <> ''
     AND last_stamp IS DISTINCT FROM current_setting('healthsync.tx_flushed', true) THEN
    UPDATE sync_clock SET last = GREATEST(last, last_stamp::timestamptz) WHERE id = 1;
    PERFORM set_config('healthsync.tx_flushed', last_stamp, true);
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER patient_flush_stamp AFTER INSERT OR UPDATE ON patient
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_change_stamp();
CREATE CONSTRAINT TRIGGER doctor_flush_stamp AFTER INSERT OR UPDATE ON doctor
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_change_stamp();
CREATE CONSTRAINT TRIGGER appointment_flush_stamp AFTER INSERT OR UPDATE ON appointment
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_change_stamp();
CREATE CONSTRAINT TRIGGER pharmacy_flush_stamp AFTER INSERT OR UPDATE ON pharmacy
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_change_stamp();
CREATE CONSTRAINT TRIGGER medicine_flush_stamp AFTER INSERT OR UPDATE ON medicine
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_change_stamp();
CREATE CONSTRAINT TRIGGER inventory_item_flush_stamp AFTER INSERT OR UPDATE ON inventory_item
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_change_stamp();
CREATE CONSTRAINT TRIGGER health_record_flush_stamp AFTER INSERT OR UPDATE ON health_record
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_change_stamp();
CREATE CONSTRAINT TRIGGER scope_exit_flush_stamp AFTER INSERT ON scope_exit
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_change_stamp();
