import type { Db } from '../db/prisma';
import { Prisma } from '../db/prisma';

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

/** Audits a write of one row (`after`, as the wire shows it) and returns that row. */
export async function auditedRow<T extends { id: string }>(
  db: Db,
  actor: AuditActor,
  action: AuditEntry['action'],
  entityType: string,
  after: T,
  before?: Record<string, unknown> | null,
): Promise<T> {
  await recordAudit(db, actor, { action, entityType, entityId: after.id, before, after });
  return after;
}

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

/** The `$3`–`$5` parameters of auditedWriteSql. */
export const auditActorParams = (actor: AuditActor) => [
  actor.userId,
  actor.deviceId,
  actor.requestId,
];
