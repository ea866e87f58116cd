import type { Db } from '../../../db/prisma';
import { auditActorParams } from '../../../core/record-audit';
import { auditedWriteSql } from '../audited-write-sql';
import type { StoredEntity, WireRow } from '../entities/server-entity';
import { applied, type BatchContext } from './change-outcomes';
import type { BulkItem, BulkResult } from './bulk-writer';

export type RunWrite = {
  entity: StoredEntity;
  action: 'create' | 'update' | 'delete';
  /**
   * An INSERT or UPDATE that reads `$1` (the rows, a JSON array) and `$2` (the batch's synced-at
   * time, or NULL), and returns the written rows (`*`) and `audit_before` (the row before, as wire
   * JSON; NULL for a create).
   */
  sql: string;
  /** Each change of the run with the row it writes (its `id` is the change's rowId). */
  rows: { item: BulkItem; row: Record<string, unknown> }[];
};

/**
 * Writes a bulk run and appends one audit entry per row it wrote, in a single round trip, and
 * settles each change as applied with the row as the wire shows it.
 */
export async function writeRunWithAudit(
  tx: Db,
  ctx: BatchContext,
  write: RunWrite,
  result: BulkResult,
): Promise<void> {
  const { entity, action, sql, rows } = write;
  if (!rows.length) return;
  const written = await tx.$queryRawUnsafe<{ id: string; json: string }[]>(
    auditedWriteSql(entity, action, sql),
    JSON.stringify(rows.map(({ row }) => row)),
    ctx.syncedAt?.toISOString() ?? null,
    ...auditActorParams(ctx.actor),
  );
  const byId = new Map(written.map((row) => [row.id, JSON.parse(row.json) as WireRow]));
  const status = ({ create: 'created', update: 'updated', delete: 'deleted' } as const)[action];
  for (const { item } of rows)
    result.outcomes.set(item.index, applied(item.index, item.raw, status, byId.get(item.rowId)!));
}
