-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;

-- Hand-written: what an access token may do follows from active, role, facility and pharmacy, and
-- a new password means "sign me out everywhere". Changing any of them, through the API or by hand,
-- raises the version, so every access token issued before stops working (DESIGN.md §6).
CREATE FUNCTION bump_session_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.active IS DISTINCT FROM OLD.active
     OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.facility_id IS DISTINCT FROM OLD.facility_id
     OR NEW.pharmacy_id IS DISTINCT FROM OLD.pharmacy_id
     OR NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.session_version := OLD.session_version + 1;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER app_user_session_version BEFORE UPDATE ON app_user
  FOR EACH ROW EXECUTE FUNCTION bump_session_version();

-- Every API instance LISTENs: the payload is the user whose sessions ended; delivered at commit.
CREATE FUNCTION notify_session_revoked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('healthsync_sessions', NEW.id::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER app_user_session_revoked AFTER UPDATE ON app_user
  FOR EACH ROW WHEN (OLD.session_version IS DISTINCT FROM NEW.session_version)
  EXECUTE FUNCTION notify_session_revoked();
