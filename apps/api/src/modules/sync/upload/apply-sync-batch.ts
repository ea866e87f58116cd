import {
  formatDate,
  formatMicros,
  type UploadReceipt,
  type UploadRequest,
} from '@healthsync/contracts';
import type { Db, SyncBatchRow } from '../../../db/prisma';
import type { Prisma } from '../../../db/prisma';
import type { AuthUser } from '../../auth/auth-user';
import type { AuditActor } from '../../../services/record-audit';
import { readWatermark } from '../read-stamps';
import { recordDevicePush } from '../record-device-activity';
import { applyChange, type ChangeOutcome } from './apply-change';
import {
  findKeyedOutcomes,
  keysOf,
  storeKeyedOutcomes,
  type KeyedOutcome,
} from './idempotency-keys';

export type BatchHooks = {
  /** Test seam: lets a test fail a batch at its Nth change, as a crash or a database fault would. */
  beforeChange?: (index: number) => void | Promise<void>;
  /** Called once a batch is applied (not for replays), e.g. for metrics. Runs before commit. */
  onApplied?: (receipt: UploadReceipt) => void;
};

export function receiptOf(batch: SyncBatchRow): UploadReceipt {
  if (batch.receipt) return batch.receipt as unknown as UploadReceipt;
  return {
    batch_id: batch.id,
    status: batch.status as UploadReceipt['status'],
    device_id: batch.deviceId,
    results: [],
    conflicts: [],
    server_time: formatDate(batch.createdAt),
    created_at: formatDate(batch.createdAt),
    processed_at: null,
  };
}

/**
 * Applies a stored batch's changes, in order, inside the caller's transaction, and stores the
 * receipt. Each change runs under a savepoint: a rejected change leaves no trace and never blocks
 * the rest; any other error aborts the transaction, so a batch is applied whole or not at all.
 */
export async function applyStoredBatch(
  tx: Db,
  batch: SyncBatchRow,
  user: AuthUser,
  actor: AuditActor,
  hooks: BatchHooks = {},
): Promise<UploadReceipt> {
  const request = batch.request as unknown as UploadRequest;
  const ctx = {
    user,
    actor: { ...actor, deviceId: batch.deviceId },
    syncedAt: new Date(),
    deviceId: batch.deviceId,
    batchId: batch.id,
  };
  const outcomes: ChangeOutcome[] = [];
  const keysByChange = request.changes.map((raw) =>
    keysOf(user.id, batch.deviceId, (raw ?? {}) as Record<string, string>),
  );
  // Outcomes of keys seen before, in earlier batches or earlier in this one.
  const seenKeys = await findKeyedOutcomes(tx, keysByChange.flat());
  const keyed: KeyedOutcome[] = [];

  for (const [index, raw] of request.changes.entries()) {
    await hooks.beforeChange?.(index);
    const keys = keysByChange[index]!;
    const seen = keys.map((key) => seenKeys.get(key)).find((outcome) => outcome !== undefined);
    if (seen) {
      outcomes.push({
        result: { ...seen.result, index },
        conflict: seen.conflict && { ...seen.conflict, index },
      });
      continue;
    }
    await tx.$executeRawUnsafe('SAVEPOINT sync_change');
    const result = await applyChange(tx, ctx, raw, index);
    await tx.$executeRawUnsafe(
      result.result.status === 'rejected'
        ? 'ROLLBACK TO SAVEPOINT sync_change'
        : 'RELEASE SAVEPOINT sync_change',
    );
    if (result.result.status !== 'rejected' && keys.length) {
      keyed.push({ keys, outcome: result });
      for (const key of keys) seenKeys.set(key, result);
    }
    outcomes.push(result);
  }
  await storeKeyedOutcomes(tx, user.id, batch.id, keyed);

  const processedAt = new Date();
  const receipt: UploadReceipt = {
    batch_id: batch.id,
    status: 'applied',
    device_id: batch.deviceId,
    results: outcomes.map((o) => o.result),
    conflicts: outcomes.flatMap((o) => (o.conflict ? [o.conflict] : [])),
    server_time: formatMicros(await readWatermark(tx)),
    created_at: formatDate(batch.createdAt),
    processed_at: formatDate(processedAt),
  };
  await recordDevicePush(tx, {
    userId: user.id,
    deviceId: batch.deviceId,
    changes: receipt.results.length,
    rejected: receipt.results.filter((r) => r.status === 'rejected').length,
  });
  await tx.syncBatch.update({
    where: { id: batch.id },
    data: { status: 'applied', receipt: receipt as unknown as Prisma.InputJsonValue, processedAt },
  });
  hooks.onApplied?.(receipt);
  return receipt;
}
