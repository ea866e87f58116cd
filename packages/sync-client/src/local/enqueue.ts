import { newId } from '../ids';
import type { WriteTx } from '../store/sync-store';
import type { EntityRows, EntityTable } from '../store/tables';
import { applyPatchTo } from './entities';
import { mergeMutations } from './merge-mutations';
import type { Operation, OutboxEntry } from './outbox-entry';
import { emptyRow, entriesOfRow, getRow, putRow, rebaseRow } from './row-ops';

export interface LocalEdit {
  table: EntityTable;
  rowId: string;
  resourceType: string;
  operation: Operation;
  payload: Record<string, unknown>;
  /** For a create: the full local row. */
  snapshot?: Record<string, unknown>;
  /** Base this edit on this server_version instead of the row's (a conflict's reapply). */
  baseVersion?: number | null;
}

export interface EnqueueOptions {
  /** Fold an edit into the row's queued (not yet sent) mutation. */
  coalesce: boolean;
  now: number;
}

async function nextSeq(tx: WriteTx): Promise<number> {
  const seq = ((await tx.getMeta('outboxSeq')) ?? 0) + 1;
  await tx.setMeta('outboxSeq', seq);
  return seq;
}

/**
 * Records one local edit: the row's new local view and its outbox mutation, in the caller's
 * transaction (so both land or neither does). Returns the outbox entry id, or null when the edit
 * cancelled a create the server never saw.
 */
export async function enqueueEdit(
  tx: WriteTx,
  edit: LocalEdit,
  options: EnqueueOptions,
): Promise<string | null> {
  const { table, rowId } = edit;
  let row = await getRow(tx, table, rowId);
  if (edit.operation === 'create') {
    if (row) throw new Error(`${table} ${rowId} already exists`);
    row = emptyRow(rowId, edit.resourceType);
    await putRow(tx, table, row);
  } else if (!row) {
    throw new Error(`${table} ${rowId} not found`);
  }

  const entries = await entriesOfRow(tx, rowId);
  const last = entries.at(-1);
  if (options.coalesce && last?.state === 'queued') {
    const merged = mergeMutations(last, edit);
    if (merged === 'cancel') {
      await tx.delete('outbox', last.id);
    } else {
      const snapshot =
        last.snapshot && merged.operation === 'create'
          ? applyPatchTo(table, last.snapshot as EntityRows[EntityTable], edit.payload)
          : last.snapshot;
      await tx.put('outbox', { ...last, ...merged, snapshot });
    }
    await rebaseRow(tx, table, rowId);
    return merged === 'cancel' ? null : last.id;
  }

  const entry: OutboxEntry = {
    id: newId(),
    seq: await nextSeq(tx),
    table,
    resourceType: edit.resourceType,
    rowId,
    operation: edit.operation,
    // Chained to the previous mutation's receipt when one is still outstanding.
    baseVersion:
      edit.operation === 'create' || entries.length > 0
        ? null
        : (edit.baseVersion ?? row.serverVersion),
    payload: edit.payload,
    snapshot: edit.snapshot ?? null,
    state: 'queued',
    batchId: null,
    createdAt: options.now,
  };
  await tx.put('outbox', entry);
  await rebaseRow(tx, table, rowId);
  return entry.id;
}
