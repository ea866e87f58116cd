import type { Db } from '../db/prisma';
import { Prisma } from '../db/prisma';
import { prepared } from '../db/prepared-statements';
import type { StoredEntity } from '../modules/sync/entities/server-entity';
import { wireJsonOfRowSql } from '../modules/sync/wire-rows';

/** Who wrote: the user comes from the access token; device and request ids from the client, unverified. */
export type AuditActor = {
  userId: string | null;
  deviceId: string | null;
  requestId: string | null;
};

export type AuditEntry = {
  action: 'create' | 'update' | 'delete' | string;
  entityType: string;
  entityId: string;
  /** The row before and after, as the wire shows it; its server_version (if any) is indexed. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

const versionOf = (row: Record<string, unknown> | null | undefined) =>
  typeof row?.server_version === 'number' ? row.server_version : null;

/** Appends one row to the audit log, inside the caller's transaction (so it commits with the write). */
export async function recordAudit(db: Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      userId: actor.userId,
      clientDeviceId: actor.deviceId,
      clientRequestId: actor.requestId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      beforeVersion: versionOf(entry.before),
      afterVersion: versionOf(entry.after),
      before: entry.before ? (entry.before as Prisma.InputJsonValue) : Prisma.DbNull,
      after: entry.after ? (entry.after as Prisma.InputJsonValue) : Prisma.DbNull,
    },
  });
}

/**
 * One statement that runs `sql` — an INSERT or UPDATE returning the written rows (`*`) and
 * `audit_before` (the row before, as wire JSON; NULL for a create) — and appends one audit entry
 * per written row. `$3`–`$5` are the actor (auditActorParams); `$1` and `$2` are the write's own.
 * It returns each written row's id and wire JSON.
 */
export function auditedWriteSql(
  entity: StoredEntity,
  action: 'create' | 'update',
  sql: string,
): string {
  return prepared(`WITH written AS (${sql}),
     rendered AS (
       SELECT t.id, t.server_version, t.audit_before, ${wireJsonOfRowSql(entity)} AS json
         FROM written t),
     audited AS (
       INSERT INTO audit_log (user_id, client_device_id, client_request_id, action, entity_type, entity_id,
                              before_version, after_version, before, after)
       SELECT $3::uuid, $4, $5, '${action}', '${entity}', r.id::text,
              (r.audit_before->>'server_version')::int, r.server_version, r.audit_before, r.json::jsonb
         FROM rendered r)
     SELECT id::text AS id, json FROM rendered`);
}

/** The `$3`–`$5` parameters of auditedWriteSql. */
export const auditActorParams = (actor: AuditActor) => [
  actor.userId,
  actor.deviceId,
  actor.requestId,
];
