-- Hand-written: one change clock per sync partition, and a watermark for the readers that span them
-- (docs/ARCHITECTURE.md, "The partitioned clock and the watermark").
--
-- Before, every writing transaction took the one sync_clock row at its first stamp and held it until
-- COMMIT, so no two writers in the deployment ever stamped at once. Now:
--   * A transaction's first stamp takes only its partition's row: the facility of the first row it
--     stamps, or '' for rows of no facility (the directory: pharmacies, medicines, stock). Writers of
--     different facilities never wait for each other; within a partition, stamps still increase in
--     commit order.
--   * Before its first stamp a writer registers in flight: a shared transaction-level advisory lock
--     in the two-int form (pg_locks: objsubid = 2) whose key is its reservation R, the clock in µs
--     read just before. Every stamp it takes is >= R. The lock ends with the transaction — after its
--     commit is visible to new snapshots — or with the savepoint that took it.
--   * sync_watermark() is the highest stamp at or below which every change is committed:
--     min(clock, oldest reservation still in pg_locks) - 1. A reader computes it BEFORE taking its
--     snapshot and reads only rows at or below it.

ALTER TABLE sync_clock ADD COLUMN "partition" TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_clock DROP CONSTRAINT sync_clock_pkey;
ALTER TABLE sync_clock DROP COLUMN id;
ALTER TABLE sync_clock ADD CONSTRAINT sync_clock_pkey PRIMARY KEY ("partition");

-- The stamp for a change. `row_partition` (the changed row's facility, '' for none) only matters for
-- the transaction's first stamp: later ones continue from the transaction-local setting.
CREATE FUNCTION next_change_stamp(row_partition text) RETURNS timestamptz
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  previous text := current_setting('healthsync.tx_stamp', true);
  reservation bigint;
  reserved timestamptz;
  stamp timestamptz;
BEGIN
  IF previous IS NOT NULL AND previous <> '' THEN
    stamp := GREATEST(clock_timestamp(), previous::timestamptz + interval '1 microsecond');
  ELSE
    reserved := clock_timestamp();
    reservation := (extract(epoch FROM reserved) * 1000000)::bigint;
    -- High and low 32 bits; the low half as a signed int (pg_locks shows it back as an oid).
    PERFORM pg_advisory_xact_lock_shared((reservation >> 32)::int,
                                         (reservation & 4294967295)::bit(32)::int);
    INSERT INTO sync_clock AS c ("partition", last)
    VALUES (COALESCE(row_partition, ''),
            GREATEST(clock_timestamp(), reserved))
    ON CONFLICT ("partition") DO UPDATE
      SET last = GREATEST(clock_timestamp(), reserved,
                          c.last + interval '1 microsecond')
    RETURNING last INTO stamp;
    PERFORM set_config('healthsync.tx_partition', COALESCE(row_partition, ''), true);
  END IF;
  -- is_local: the settings end with the transaction (and are undone with a rolled-back savepoint,
  -- together with the sync_clock update and the advisory lock it may have taken).
  PERFORM set_config('healthsync.tx_stamp', stamp::text, true);
  RETURN stamp;
END
$$;

-- Scope exits (record_scope_exit) always follow their row's own stamp in the same transaction.
CREATE OR REPLACE FUNCTION next_change_stamp() RETURNS timestamptz
LANGUAGE sql VOLATILE AS $$ SELECT next_change_stamp('') $$;

CREATE OR REPLACE FUNCTION stamp_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  row_partition text;
  change_stamp timestamptz;
BEGIN
  -- Only the first stamp of a transaction picks a partition; to_jsonb finds a facility_id column
  -- on the tables that have one.
  IF COALESCE(current_setting('healthsync.tx_stamp', true), '') = '' THEN
    row_partition := COALESCE(to_jsonb(NEW) ->> 'facility_id', '');
  END IF;
  change_stamp := next_change_stamp(row_partition);
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

CREATE OR REPLACE FUNCTION flush_change_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_stamp text := current_setting('healthsync.tx_stamp', true);
BEGIN
  IF last_stamp IS NOT NULL AND last_stamp <> ''
     AND last_stamp IS DISTINCT FROM current_setting('healthsync.tx_flushed', true) THEN
    UPDATE sync_clock SET last = GREATEST(last, last_stamp::timestamptz)
     WHERE "partition" = current_setting('healthsync.tx_partition', true);
    PERFORM set_config('healthsync.tx_flushed', last_stamp, true);
  END IF;
  RETURN NULL;
END
$$;

-- The watermark (µs): every change stamped at or below it is committed, so a snapshot taken AFTER
-- this returns holds all of them. Not for use inside a REPEATABLE READ transaction (its snapshot
-- would predate the look at pg_locks). The clock is read first: a writer that registers after the
-- look at pg_locks reads the clock later, so its stamps are above it.
CREATE FUNCTION sync_watermark() RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  now_micros bigint := (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;
  oldest bigint;
BEGIN
  SELECT min((l.classid::bigint << 32) | l.objid::bigint) INTO oldest
    FROM pg_locks AS l
   WHERE l.locktype = 'advisory' AND l.objsubid = 2
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database());
  RETURN LEAST(now_micros, COALESCE(oldest, now_micros)) - 1;
END
$$;
