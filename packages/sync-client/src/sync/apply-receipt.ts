import type { ChangeResult, UploadConflict, UploadReceipt } from '@healthsync/contracts';
import { changedFields } from '../conflicts/changed-fields';
import type { ConflictKind, LocalConflict } from '../conflicts/local-conflict';
import { applyPatchTo, parseServerRowOf } from '../local/entities';
import { mergeMutations } from '../local/merge-mutations';
import type { MutationBody } from '../local/merge-mutations';
import type { OutboxEntry } from '../local/outbox-entry';
import { entriesOfRow, getRow, putRow, rebaseRow } from '../local/row-ops';
import type { InflightBatch } from '../store/meta';
import type { WriteTx } from '../store/sync-store';
import type { EntityRows, EntityTable } from '../store/tables';

type Json = Record<string, unknown>;

export interface ReceiptContext {
  now: number;
  onInvalidRow?: (issue: string) => void;
}

/** Our best guess of the server row after it accepted `entry`, until the next pull shows the real one. */
function acceptedRow(
  table: EntityTable,
  server: Json | null,
  entry: OutboxEntry,
  result: ChangeResult,
): Json | null {
  const base = entry.operation === 'create' ? entry.snapshot : server;
  if (!base) return null;
  const row: Json =
    entry.operation === 'create'
      ? { ...base }
      : applyPatchTo(table, base as EntityRows[EntityTable], entry.payload);
  if (result.server_version !== null) row.server_version = result.server_version;
  if (result.updated_at !== null) {
    if ('last_updated' in row) row.last_updated = result.updated_at;
    else row.updated_at = result.updated_at;
  }
  return row;
}

async function acknowledge(tx: WriteTx, entry: OutboxEntry, result: ChangeResult): Promise<void> {
  const { table } = entry;
  await tx.delete('outbox', entry.id);
  const row = await getRow(tx, table, entry.rowId);
  if (!row) return;
  const version = result.server_version ?? row.serverVersion;
  if (version >= row.serverVersion) {
    if (result.status === 'deleted') {
      row.server = null;
      row.serverDeleted = true;
    } else {
      row.server = acceptedRow(table, row.server, entry, result) as EntityRows[EntityTable] | null;
      row.serverDeleted = false;
    }
    row.serverVersion = version;
    row.serverUpdatedAt = result.updated_at ?? row.serverUpdatedAt;
    await putRow(tx, table, row);
  }
  // The row's next edit was made on top of this one: base it on the version this one produced.
  if (result.server_version !== null) {
    for (const next of await entriesOfRow(tx, entry.rowId)) {
      if (next.baseVersion === null && next.state !== 'inflight') {
        await tx.put('outbox', { ...next, baseVersion: result.server_version });
      }
    }
  }
  await rebaseRow(tx, table, entry.rowId);
}

/** Moves a refused edit, with the row's later unsent edits folded in, into a local conflict. */
async function refuse(
  tx: WriteTx,
  entry: OutboxEntry,
  kind: ConflictKind,
  result: ChangeResult,
  info: UploadConflict | undefined,
  ctx: ReceiptContext,
): Promise<void> {
  const { table } = entry;
  await tx.delete('outbox', entry.id);
  let mine: MutationBody | 'cancel' = { operation: entry.operation, payload: entry.payload };
  let snapshot = entry.snapshot;
  for (const later of await entriesOfRow(tx, entry.rowId)) {
    if (later.state === 'inflight') continue;
    if (mine !== 'cancel') mine = mergeMutations(mine, later);
    if (snapshot && later.operation === 'update')
      snapshot = applyPatchTo(table, snapshot as EntityRows[EntityTable], later.payload);
    await tx.delete('outbox', later.id);
  }
  const row = await getRow(tx, table, entry.rowId);
  const before = (row?.server ?? null) as Json | null;
  let server: Json | null = before;
  let serverVersion: number | null = row?.serverVersion ?? null;
  if (info && row) {
    const parsed = parseServerRowOf(table, info.current, ctx.onInvalidRow);
    const current: Json = parsed;
    const version =
      typeof current.server_version === 'number' ? current.server_version : row.serverVersion;
    server = current;
    serverVersion = version;
    if (version >= row.serverVersion) {
      row.server = parsed;
      row.serverVersion = version;
      row.serverUpdatedAt = info.server_version;
      row.serverDeleted = current.deleted === true;
    }
  }
  if (mine !== 'cancel') {
    const conflict: LocalConflict = {
      id:
        kind === 'server_newer' ? (info?.conflict_id ?? result.conflict_id ?? entry.id) : entry.id,
      kind,
      status: 'open',
      table,
      resourceType: entry.resourceType,
      rowId: entry.rowId,
      operation: mine.operation,
      mine: mine.payload,
      snapshot: mine.operation === 'create' ? snapshot : null,
      baseVersion: entry.baseVersion,
      server,
      serverVersion,
      mineChangedFields: Object.keys(mine.payload).sort(),
      serverChangedFields: kind === 'server_newer' ? changedFields(before, server) : [],
      errors: result.errors,
      createdAt: ctx.now,
      resolvedAt: null,
      reapplyMutationId: null,
      serverClosePending: false,
    };
    await tx.put('conflicts', conflict);
    if (row) row.conflictId = conflict.id;
  }
  if (row) await putRow(tx, table, row);
  await rebaseRow(tx, table, entry.rowId);
}

/**
 * Applies a batch's receipt in one transaction: acknowledged mutations leave the outbox, refused
 * ones become conflicts, and the in-flight marker is cleared. A receipt for a batch that is no
 * longer in flight (another tab applied it) changes nothing.
 */
export async function applyReceipt(
  tx: WriteTx,
  batch: InflightBatch,
  receipt: UploadReceipt,
  ctx: ReceiptContext,
): Promise<{ applied: boolean; conflicts: number }> {
  const inflight = await tx.getMeta('inflightBatch');
  if (!inflight || inflight.batchId !== batch.batchId) return { applied: false, conflicts: 0 };
  let conflicts = 0;
  for (const [index, entryId] of batch.entryIds.entries()) {
    const entry = await tx.get('outbox', entryId);
    const result = receipt.results.find((r) => r.index === index) ?? receipt.results[index];
    if (!entry || !result) continue;
    if (result.status === 'conflict' || result.status === 'rejected') {
      conflicts += 1;
      const info = receipt.conflicts.find((c) => c.index === index);
      await refuse(
        tx,
        entry,
        result.status === 'conflict' ? 'server_newer' : 'rejected',
        result,
        info,
        ctx,
      );
    } else {
      await acknowledge(tx, entry, result);
    }
  }
  await tx.setMeta('inflightBatch', null);
  return { applied: true, conflicts };
}
