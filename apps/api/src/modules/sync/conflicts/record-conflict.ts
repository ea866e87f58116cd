import { formatMicros } from '@healthsync/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../../db/prisma';
import type { Prisma } from '../../../db/prisma';
import type { AuthUser } from '../../auth/auth-user';
import type { CurrentRow } from '../upload/change-handlers';
import type { EditBase } from '../upload/stale-check';
import type { StoredEntity } from '../synced-entities';

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
    trails.set(key, [...(trails.get(key) ?? []), entry]);
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
    entityType: input.entity,
    resourceType: input.resourceType,
    entityId: input.current.row.id,
    facilityId:
      typeof input.current.row.facility_id === 'string' ? input.current.row.facility_id : null,
    source: input.source,
    userId: input.user.id,
    deviceId: input.deviceId,
    batchId: input.batchId,
    clientChangeId: input.clientChangeId,
    clientVersion: input.base.label,
    serverStamp: input.current.stamp,
    serverVersion: input.current.serverVersion,
    clientChanges: input.clientChanges as Prisma.InputJsonValue,
    clientChangedFields: Object.keys(input.clientChanges).sort(),
    serverChangedFields: serverChangedFields(
      trails.get(`${input.entity}:${input.current.row.id}`) ?? [],
      input.base,
    ),
    serverRow: input.current.row as Prisma.InputJsonValue,
  }));
  await tx.syncConflict.createMany({ data: rows });
  return rows.map((row) => row.id);
}

/** Stores one rejected change as a conflict; returns its id. */
export async function recordConflict(tx: Db, input: ConflictInput): Promise<string> {
  const [id] = await recordConflicts(tx, [input]);
  return id!;
}
