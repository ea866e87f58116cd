-- Hand-written (the schema diff would drop and re-add the columns): the device and request ids of
-- an audit entry are what the client sent (X-Device-Id, X-Request-Id), never verified. Their names
-- say so, for anyone reading the log outside the API.
ALTER TABLE "audit_log" RENAME COLUMN "device_id" TO "client_device_id";
ALTER TABLE "audit_log" RENAME COLUMN "request_id" TO "client_request_id";
COMMENT ON COLUMN "audit_log"."client_device_id" IS 'X-Device-Id as the client sent it; not verified';
COMMENT ON COLUMN "audit_log"."client_request_id" IS 'X-Request-Id as the client sent it (else the server''s request id); not verified';
