import { prepared } from '../../db/prepared-statements';
import type { StoredEntity } from './entities/server-entity';
import { wireJsonOfRowSql } from './wire-rows';

/**
 * One statement that runs `sql` — an INSERT or UPDATE (a delete is an UPDATE of `deleted`) returning the written rows (`*`) and
 * `audit_before` (the row before, as wire JSON; NULL for a create) — and appends one audit entry
 * per written row. `$3`–`$5` are the actor (auditActorParams); `$1` and `$2` are the write's own.
 * It returns each written row's id and wire JSON.
 */
export function auditedWriteSql(
  entity: StoredEntity,
  action: 'create' | 'update' | 'delete',
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
