import { HealthSyncError } from '@healthsync/contracts';
import type { SyncStore } from '../store/sync-store';
import { applyReceipt } from './apply-receipt';
import type { SyncApi } from './sync-api';
import { parkBatch, takeBatch, unfreezeBatch } from './take-batch';

export interface PushContext {
  store: SyncStore;
  api: SyncApi;
  deviceId: string;
  now(): number;
  /** Current batch size cap; halved after a 413. */
  batchSize: { value: number };
  onInvalidRow?: (issue: string) => void;
  /** Called after each batch's receipt is stored. */
  onBatchDone?: () => void;
}

export interface PushResult {
  sent: number;
  conflicts: number;
  /** Batches refused as a whole (4xx), parked. */
  parked: HealthSyncError[];
}

/** Sends the outbox, batch by batch, until nothing sendable is left. */
export async function pushOutbox(ctx: PushContext): Promise<PushResult> {
  const result: PushResult = { sent: 0, conflicts: 0, parked: [] };
  for (;;) {
    const batch = await ctx.store.write((tx) => takeBatch(tx, ctx.batchSize.value, ctx.now()));
    if (!batch) return result;
    let receipt;
    try {
      receipt = await ctx.api.upload({
        device_id: ctx.deviceId,
        batch_id: batch.batchId,
        changes: batch.changes,
      });
    } catch (error) {
      const refused = error instanceof HealthSyncError && error.status > 0 ? error : null;
      if (refused?.code === 'PAYLOAD_TOO_LARGE' && batch.changes.length > 1) {
        ctx.batchSize.value = Math.max(1, Math.floor(batch.changes.length / 2));
        await ctx.store.write((tx) => unfreezeBatch(tx, batch));
        continue;
      }
      if (refused && !refused.retryable && refused.kind !== 'auth') {
        await ctx.store.write((tx) => parkBatch(tx, batch, refused.status, refused.message));
        result.parked.push(refused);
        ctx.onBatchDone?.();
        continue;
      }
      throw error; // network, 5xx, sign-in: the same batch goes again next time
    }
    if (receipt.batch_id !== batch.batchId || receipt.results.length !== batch.changes.length) {
      throw HealthSyncError.local(
        'PROTOCOL_ERROR',
        `Receipt of batch ${receipt.batch_id} with ${receipt.results.length} results for batch ${batch.batchId} of ${batch.changes.length}`,
      );
    }
    const applied = await ctx.store.write((tx) =>
      applyReceipt(tx, batch, receipt, {
        now: ctx.now(),
        ...(ctx.onInvalidRow ? { onInvalidRow: ctx.onInvalidRow } : {}),
      }),
    );
    result.sent += batch.changes.length;
    result.conflicts += applied.conflicts;
    ctx.onBatchDone?.();
  }
}
