import type { Db } from '../../../db/prisma';
import type { AuditActor } from '../../../services/record-audit';
import type { StoredEntity, WireRow } from '../synced-entities';
import { wireJsonOfRowSql } from '../wire-sql';

/**
 * Runs one set-based write and appends one audit entry per row it wrote, in a single round trip;
 * returns the written rows as the wire shows them, by id. `writeSql` is an INSERT or UPDATE that
 * returns the written rows (`*`) and `audit_before` (the row before, as wire JSON; NULL for a
 * create); its own parameters come first, the actor's follow.
 */
export async function writeRowsWithAudit(
  tx: Db,
  entity: StoredEntity,
  action: 'create' | 'update',
  writeSql: string,
  params: unknown[],
  actor: AuditActor,
): Promise<Map<string, WireRow>> {
  const [user, device, request] = [1, 2, 3].map((n) => `$${params.length + n}`);
  const rows = await tx.$queryRawUnsafe<{ id: string; json: string }[]>(
    `WITH written AS (${writeSql}),
     rendered AS (
       SELECT t.id, t.server_version, t.audit_before, ${wireJsonOfRowSql(entity)} AS json
         FROM written t),
     audited AS (
       INSERT INTO audit_log (user_id, device_id, request_id, action, entity_type, entity_id,
                              before_version, after_version, before, after)
       SELECT ${user}::uuid, ${device}, ${request}, '${action}', '${entity}', r.id::text,
              (r.audit_before->>'server_version')::int, r.server_version, r.audit_before, r.json::jsonb
         FROM rendered r)
     SELECT id::text AS id, json FROM rendered`,
    ...params,
    actor.userId,
    actor.deviceId,
    actor.requestId,
  );
  return new Map(rows.map((row) => [row.id, JSON.parse(row.json) as WireRow]));
}
