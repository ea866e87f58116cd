import { MAX_CHANGES_PER_BATCH, UploadChange } from '@healthsync/contracts';
import { newId } from '../ids';
import type { OutboxEntry } from '../local/outbox-entry';
import type { InflightBatch } from '../store/meta';
import type { WriteTx } from '../store/sync-store';

function toChange(entry: OutboxEntry, baseVersion: number): UploadChange {
  const common = {
    operation: entry.operation,
    resource_type: entry.resourceType,
    client_change_id: entry.id,
  };
  if (entry.operation === 'create')
    return { ...common, client_temp_id: entry.rowId, payload: entry.payload };
  return { ...common, server_id: entry.rowId, base_version: baseVersion, payload: entry.payload };
}

/**
 * The batch to send: the stored in-flight one if there is one (re-sent unchanged until a receipt
 * comes: same batch_id, same changes), else a new one of queued mutations in creation order,
 * at most one per row, frozen as in flight in this transaction.
 */
export async function takeBatch(
  tx: WriteTx,
  maxSize: number,
  now: number,
): Promise<InflightBatch | null> {
  const inflight = await tx.getMeta('inflightBatch');
  if (inflight) return inflight;
  const queued = (await tx.getByIndex('outbox', 'state', { equals: 'queued' })).sort(
    (a, b) => a.seq - b.seq,
  );
  const rows = new Set<string>();
  const picked: { entry: OutboxEntry; change: UploadChange }[] = [];
  for (const entry of queued) {
    if (picked.length >= Math.min(maxSize, MAX_CHANGES_PER_BATCH)) break;
    if (rows.has(entry.rowId)) continue;
    rows.add(entry.rowId);
    let base = entry.baseVersion;
    if (entry.operation !== 'create' && base === null) {
      const row = await tx.get(entry.table, entry.rowId);
      base = row?.serverVersion ?? 0;
    }
    // Not on the server yet (its create failed or waits): it cannot go before its create.
    if (entry.operation !== 'create' && (base ?? 0) < 1) continue;
    picked.push({ entry, change: UploadChange.parse(toChange(entry, base ?? 0)) });
  }
  if (picked.length === 0) return null;
  const batch: InflightBatch = {
    batchId: newId(),
    entryIds: picked.map((p) => p.entry.id),
    changes: picked.map((p) => p.change),
    createdAt: now,
  };
  for (const { entry, change } of picked) {
    await tx.put('outbox', {
      ...entry,
      state: 'inflight',
      batchId: batch.batchId,
      baseVersion: change.base_version ?? entry.baseVersion,
    });
  }
  await tx.setMeta('inflightBatch', batch);
  return batch;
}

/** Parks a batch the server refused as a whole: its entries stay (failed) until `retryFailed()`. */
export async function parkBatch(
  tx: WriteTx,
  batch: InflightBatch,
  status: number,
  error: string,
): Promise<void> {
  for (const id of batch.entryIds) {
    const entry = await tx.get('outbox', id);
    if (entry) await tx.put('outbox', { ...entry, state: 'failed' });
  }
  const parked = (await tx.getMeta('parkedBatches')) ?? [];
  await tx.setMeta('parkedBatches', [...parked, { ...batch, status, error }]);
  await tx.setMeta('inflightBatch', null);
}

/** Returns an unsent batch's entries to the queue (the server never stored it: 413). */
export async function unfreezeBatch(tx: WriteTx, batch: InflightBatch): Promise<void> {
  for (const id of batch.entryIds) {
    const entry = await tx.get('outbox', id);
    if (entry) await tx.put('outbox', { ...entry, state: 'queued', batchId: null });
  }
  await tx.setMeta('inflightBatch', null);
}

/** Queues failed entries again; each goes out in a new batch. */
export async function requeueFailed(tx: WriteTx): Promise<number> {
  const failed = await tx.getByIndex('outbox', 'state', { equals: 'failed' });
  for (const entry of failed) await tx.put('outbox', { ...entry, state: 'queued', batchId: null });
  await tx.setMeta('parkedBatches', []);
  return failed.length;
}
