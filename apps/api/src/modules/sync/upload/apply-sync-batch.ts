import {
  formatDate,
  formatMicros,
  type UploadReceipt,
  type UploadRequest,
} from '@healthsync/contracts';
import type { Db, SyncBatchRow } from '../../../db/prisma';
import type { AuthUser } from '../../../core/auth-user';
import type { AuditActor } from '../../../core/record-audit';
import { applyChange } from './apply-change';
import { changeErrorsOf, type ChangeOutcome } from './change-outcomes';
import {
  BulkWriteRefused,
  bulkItemOf,
  type BulkItem,
  type BulkResult,
  type BulkWriter,
} from './bulk-writer';
import { closeBatch } from './close-batch';
import { createAppointmentsInBulk } from './create-appointments-in-bulk';
import { createInventoryItemsInBulk } from './create-inventory-items-in-bulk';
import { createPatientsInBulk } from './create-patients-in-bulk';
import { createRecordsInBulk } from './create-records-in-bulk';
import {
  deleteInventoryItemsInBulk,
  updateInventoryItemsInBulk,
} from './edit-inventory-items-in-bulk';
import { deleteRowsInBulk } from './edit-rows-in-bulk';
import { findKeyedOutcomes, keysOf, type KeyedOutcome } from './idempotency-keys';
import { updateAppointmentsInBulk } from './update-appointments-in-bulk';
import { updatePatientsInBulk } from './update-patients-in-bulk';
import { updateRecordsInBulk } from './update-records-in-bulk';

const BULK_WRITERS = [
  updatePatientsInBulk,
  createPatientsInBulk,
  createAppointmentsInBulk,
  updateAppointmentsInBulk,
  createRecordsInBulk,
  updateRecordsInBulk,
  deleteRowsInBulk('Patient', 'patient'),
  deleteRowsInBulk('Appointment', 'appointment'),
  deleteRowsInBulk('HealthRecord', 'health_record'),
  createInventoryItemsInBulk,
  updateInventoryItemsInBulk,
  deleteInventoryItemsInBulk,
] as readonly BulkWriter[];

export type BatchHooks = {
  /** Test seam: lets a test fail a batch at its Nth change, as a crash or a database fault would. */
  beforeChange?: (index: number) => void | Promise<void>;
  /** Test seam: every change alone, no bulk writer (the reference the bulk writers are held to). */
  oneByOne?: boolean;
  /** Called with the size of each run of changes a bulk writer takes (tests, diagnostics). */
  onBulkRun?: (size: number) => void;
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
 * receipt. A rejected change leaves no trace and never blocks the rest; any other error aborts the
 * transaction, so a batch is applied whole or not at all. Runs of like changes (new, edited
 * and deleted patients, appointments, records and stock rows) go through set-based bulk writers; every other
 * change runs alone.
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

  const settle = (index: number, result: ChangeOutcome) => {
    outcomes[index] = result;
    const keys = keysByChange[index]!;
    if (result.result.status !== 'rejected' && keys.length) {
      keyed.push({ keys, outcome: result });
      for (const key of keys) seenKeys.set(key, result);
    }
  };

  // Each change alone, under a savepoint: a rejected change leaves no trace.
  const applyAlone = async (index: number, raw: unknown) => {
    await tx.$executeRawUnsafe('SAVEPOINT sync_change');
    const result = await applyChange(tx, ctx, raw, index);
    await tx.$executeRawUnsafe(
      result.result.status === 'rejected'
        ? 'ROLLBACK TO SAVEPOINT sync_change'
        : 'RELEASE SAVEPOINT sync_change',
    );
    settle(index, result);
  };

  // A run of like changes waiting for their bulk writer. Runs end where order could matter: at a
  // change of another kind, a second change to the same row, or a retry of a change in the run.
  let run: { writer: BulkWriter; items: BulkItem[]; rows: Set<string>; keys: Set<string> } | null =
    null;
  const flushRun = async () => {
    if (!run) return;
    const { writer, items } = run;
    run = null;
    hooks.onBulkRun?.(items.length);
    let written: BulkResult;
    try {
      written = await writer.write(tx, ctx, items);
    } catch (error) {
      // A refusal by the database (a row that appeared meanwhile, a value it cannot store) has
      // aborted the transaction: the caller runs the batch again with every change alone.
      throw changeErrorsOf(error) ? new BulkWriteRefused(error) : error;
    }
    for (const [index, result] of written.outcomes) settle(index, result);
    for (const item of written.declined) await applyAlone(item.index, item.raw);
  };

  for (const [index, raw] of request.changes.entries()) {
    await hooks.beforeChange?.(index);
    const keys = keysByChange[index]!;
    if (run && keys.some((key) => run!.keys.has(key))) await flushRun();
    const seen = keys.map((key) => seenKeys.get(key)).find((outcome) => outcome !== undefined);
    if (seen) {
      outcomes[index] = {
        result: { ...seen.result, index },
        conflict: seen.conflict && { ...seen.conflict, index },
      };
      continue;
    }
    const bulk = hooks.oneByOne ? null : bulkItemOf(BULK_WRITERS, raw, index, user);
    if (run && (run.writer !== bulk?.writer || run.rows.has(bulk.item.rowId))) await flushRun();
    if (!bulk) {
      await applyAlone(index, raw);
      continue;
    }
    run ??= { writer: bulk.writer, items: [], rows: new Set(), keys: new Set() };
    run.items.push(bulk.item);
    run.rows.add(bulk.item.rowId);
    for (const key of keys) run.keys.add(key);
  }
  await flushRun();
  const processedAt = new Date();
  const closed = {
    batch_id: batch.id,
    status: 'applied' as const,
    device_id: batch.deviceId,
    results: outcomes.map((o) => o.result),
    conflicts: outcomes.flatMap((o) => (o.conflict ? [o.conflict] : [])),
    created_at: formatDate(batch.createdAt),
    processed_at: formatDate(processedAt),
  };
  const watermark = await closeBatch(tx, {
    userId: user.id,
    batchId: batch.id,
    deviceId: batch.deviceId,
    keyed,
    receipt: closed,
    processedAt,
  });
  const receipt: UploadReceipt = { ...closed, server_time: formatMicros(watermark) };
  hooks.onApplied?.(receipt);
  return receipt;
}
