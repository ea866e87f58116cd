import { HealthSyncError } from '@healthsync/contracts';
import { enqueueEdit } from '../local/enqueue';
import { getRow, rebaseRow, storeRow } from '../local/row-ops';
import type { WriteTx } from '../store/sync-store';
import type { LocalConflict } from './local-conflict';

export type Resolution = 'reapply' | 'discard';

/**
 * A person's decision, in one local transaction.
 * reapply: our fields become a new outbox mutation based on the server version the person saw
 *   (if the row moved on again since, that becomes a new conflict rather than an overwrite);
 * discard: the server row stands and our edit is dropped.
 * Either way the server-side conflict record is then closed with {"action": "discard"}, after the
 * re-applied mutation has been answered: the data travels only through the ordinary upload, so the
 * server never applies the same fields twice.
 */
export async function resolveConflict(
  tx: WriteTx,
  id: string,
  resolution: Resolution,
  now: number,
): Promise<LocalConflict> {
  const conflict = await tx.get('conflicts', id);
  if (!conflict || conflict.status !== 'open')
    throw HealthSyncError.local('CONFLICT', `Conflict ${id} is not open on this device`);
  const row = await getRow(tx, conflict.table, conflict.rowId);
  if (row && row.conflictId === id) {
    row.conflictId = null;
    await storeRow(tx, conflict.table, row);
  }
  let reapplyMutationId: string | null = null;
  if (resolution === 'reapply') {
    if (conflict.operation === 'create' && row && row.serverVersion === 0 && row.pending === 0) {
      await tx.delete(conflict.table, conflict.rowId);
    }
    reapplyMutationId = await enqueueEdit(
      tx,
      {
        table: conflict.table,
        rowId: conflict.rowId,
        resourceType: conflict.resourceType,
        operation: conflict.operation,
        payload: conflict.mine,
        ...(conflict.snapshot ? { snapshot: conflict.snapshot } : {}),
        baseVersion: conflict.serverVersion,
      },
      { coalesce: false, now },
    );
  } else {
    await rebaseRow(tx, conflict.table, conflict.rowId);
  }
  const resolved: LocalConflict = {
    ...conflict,
    status: resolution === 'reapply' ? 'reapplied' : 'discarded',
    resolvedAt: now,
    reapplyMutationId,
    serverClosePending: conflict.kind === 'server_newer',
  };
  await tx.put('conflicts', resolved);
  return resolved;
}
