import { formatMicros } from '@healthsync/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../../db/prisma';
import { prepared } from '../../../db/prepared-statements';
import type { AuthUser } from '../../auth/auth-user';
import type { CurrentRow } from '../upload/lock-current-rows';
import type { EditBase } from '../upload/stale-check';
import type { StoredEntity } from '../entities/server-entity';

const BOOKKEEPING = new Set([
  'server_version',
  'updated_at',
  'last_updated',
  'created_at',
  'last_synced_at',
]);

type AuditSnapshot = Record<string, unknown> | null;

type AuditEntryRow = Awaited<ReturnType<Db['auditLog']['findMany']>>[number];

/** The audit trail of each of these rows, oldest first, by `${entity}:${id}` (one query). */
async function auditTrailsOf(tx: Db, rows: { entity: StoredEntity; id: string }[]) {
  const trails = new Map<string, AuditEntryRow[]>();
  const entries = await tx.auditLog.findMany({
    where: {
      entityType: { in: [...new Set(rows.map((row) => row.entity))] },
      entityId: { in: [...new Set(rows.map((row) => row.id))] },
    },
    orderBy: { id: 'asc' },
  });
  for (const entry of entries) {
    const key = `${entry.entityType}:${entry.entityId}`;
    const trail = trails.get(key);
    if (trail) trail.push(entry);
    else trails.set(key, [entry]);
  }
  return trails;
}

/** The fields the server changed after the client's base, read from the audit trail of the row. */
function serverChangedFields(entries: AuditEntryRow[], base: EditBase): string[] {
  const changed = new Set<string>();
  for (const entry of entries) {
    const after = entry.after as AuditSnapshot;
    const before = entry.before as AuditSnapshot;
    const newer =
      base.kind === 'version'
        ? (entry.afterVersion ?? 0) > base.version
        : typeof after?.updated_at === 'string'
          ? after.updated_at > formatMicros(base.micros)
          : typeof after?.last_updated === 'string' &&
            after.last_updated > formatMicros(base.micros);
    if (!newer || !after) continue;
    for (const key of Object.keys(after)) {
      if (!BOOKKEEPING.has(key) && JSON.stringify(after[key]) !== JSON.stringify(before?.[key]))
        changed.add(key);
    }
  }
  return [...changed].sort();
}

export type ConflictInput = {
  user: AuthUser;
  deviceId: string | null;
  batchId: string | null;
  clientChangeId: string | null;
  source: 'upload' | 'sync_update';
  entity: StoredEntity;
  resourceType: string;
  current: CurrentRow;
  base: EditBase;
  clientChanges: Record<string, unknown>;
};

/** Stores rejected changes with both versions and the fields each side changed; returns their ids. */
export async function recordConflicts(tx: Db, inputs: ConflictInput[]): Promise<string[]> {
  if (!inputs.length) return [];
  const trails = await auditTrailsOf(
    tx,
    inputs.map((input) => ({ entity: input.entity, id: input.current.row.id })),
  );
  const rows = inputs.map((input) => ({
    id: uuidv7(),
    entity_type: input.entity,
    resource_type: input.resourceType,
    entity_id: input.current.row.id,
    facility_id:
      typeof input.current.row.facility_id === 'string' ? input.current.row.facility_id : null,
    source: input.source,
    user_id: input.user.id,
    device_id: input.deviceId,
    batch_id: input.batchId,
    client_change_id: input.clientChangeId,
    client_version: input.base.label,
    server_stamp: String(input.current.stamp),
    server_version: input.current.serverVersion,
    client_changes: input.clientChanges,
    client_changed_fields: Object.keys(input.clientChanges).sort(),
    server_changed_fields: serverChangedFields(
      trails.get(`${input.entity}:${input.current.row.id}`) ?? [],
      input.base,
    ),
    server_row: input.current.row,
  }));
  // Raw SQL from one JSON parameter: Prisma's createMany walks every JSON value it is given.
  await tx.$executeRawUnsafe(
    prepared(`INSERT INTO sync_conflict (id, entity_type, resource_type, entity_id, facility_id, source,
       user_id, device_id, batch_id, client_change_id, client_version, server_stamp, server_version,
       client_changes, client_changed_fields, server_changed_fields, server_row)
     SELECT c.id, c.entity_type, c.resource_type, c.entity_id, c.facility_id, c.source, c.user_id,
            c.device_id, c.batch_id, c.client_change_id, c.client_version, c.server_stamp,
            c.server_version, c.client_changes,
            ARRAY(SELECT jsonb_array_elements_text(c.client_changed_fields)),
            ARRAY(SELECT jsonb_array_elements_text(c.server_changed_fields)), c.server_row
       FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, entity_type text, resource_type text,
            entity_id uuid, facility_id uuid, source text, user_id uuid, device_id text,
            batch_id uuid, client_change_id text, client_version text, server_stamp bigint,
            server_version int, client_changes jsonb, client_changed_fields jsonb,
            server_changed_fields jsonb, server_row jsonb)`),
    JSON.stringify(rows),
  );
  return rows.map((row) => row.id);
}

/** Stores one rejected change as a conflict; returns its id. */
export async function recordConflict(tx: Db, input: ConflictInput): Promise<string> {
  const [id] = await recordConflicts(tx, [input]);
  return id!;
}
