import { formatDate, type AuditEntry, type AuditQuery } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { jsonObject } from '../../lib/wire';

/**
 * The audit log, newest first, in pages (`before_id`); one entry more than `limit` if there is
 * more. Read-only: nothing changes it through the API.
 */
export async function listAudit(db: Db, query: AuditQuery): Promise<AuditEntry[]> {
  const rows = await db.auditLog.findMany({
    where: {
      ...(query.entity_type ? { entityType: query.entity_type } : {}),
      ...(query.entity_id ? { entityId: query.entity_id } : {}),
      ...(query.user_id ? { userId: query.user_id } : {}),
      ...(query.before_id ? { id: { lt: BigInt(query.before_id) } } : {}),
    },
    orderBy: { id: 'desc' },
    take: query.limit + 1,
  });
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))] } },
    select: { id: true, username: true },
  });
  const names = new Map(users.map((u) => [u.id, u.username]));
  return rows.map((r) => ({
    id: String(r.id),
    at: formatDate(r.at),
    user_id: r.userId,
    username: r.userId ? (names.get(r.userId) ?? null) : null,
    client_device_id: r.clientDeviceId,
    client_request_id: r.clientRequestId,
    device_id: r.clientDeviceId,
    request_id: r.clientRequestId,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    before_version: r.beforeVersion,
    after_version: r.afterVersion,
    before: r.before === null ? null : jsonObject(r.before),
    after: r.after === null ? null : jsonObject(r.after),
  }));
}
