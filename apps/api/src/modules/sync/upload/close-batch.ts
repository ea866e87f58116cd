import type { UploadReceipt } from '@healthsync/contracts';
import type { Db } from '../../../db/prisma';
import { prepared } from '../../../db/prepared-statements';
import { stampText } from '../wire-sql';
import type { KeyedOutcome } from './idempotency-keys';

export type BatchClosing = {
  userId: string;
  batchId: string;
  deviceId: string;
  /** Outcomes to remember for retries of the batch's keyed changes. */
  keyed: KeyedOutcome[];
  /** The receipt but its server_time, which is read here. */
  receipt: Omit<UploadReceipt, 'server_time'>;
  processedAt: Date;
};

/**
 * Closes an applied batch in one statement: remembers its keyed outcomes, counts the push against
 * the device, stores the receipt with the watermark as its server_time, and returns that
 * watermark (µs) — a cursor like any other: below this batch's own stamps, which are in flight
 * until it commits. It runs after the batch's first change stamp, while this transaction holds its
 * partition's sync_clock row, so one round trip here instead of four shortens the wait of the
 * partition's next writer.
 */
export async function closeBatch(tx: Db, closing: BatchClosing): Promise<bigint> {
  const { receipt } = closing;
  const rejected = receipt.results.filter((result) => result.status === 'rejected').length;
  const keys = closing.keyed.flatMap(({ keys, outcome }) => keys.map((key) => ({ key, outcome })));
  const [row] = await tx.$queryRawUnsafe<{ micros: bigint }[]>(
    prepared(`WITH clock AS (SELECT sync_watermark() AS micros),
     keys AS (
       INSERT INTO sync_change_key (key, user_id, batch_id, result)
       SELECT k.key, $1::uuid, $2::uuid, k.outcome
         FROM jsonb_to_recordset($3::jsonb) AS k(key text, outcome jsonb)
       ON CONFLICT DO NOTHING),
     device AS (
       INSERT INTO sync_device AS d (user_id, device_id, last_seen_at, last_push_at, batches,
                                     changes_pushed, changes_rejected)
       VALUES ($1::uuid, $4, $5::timestamptz, $5::timestamptz, 1, $6::int, $7::int)
       ON CONFLICT (user_id, device_id) DO UPDATE SET
         last_seen_at = EXCLUDED.last_seen_at,
         last_push_at = EXCLUDED.last_push_at,
         batches = d.batches + 1,
         changes_pushed = d.changes_pushed + EXCLUDED.changes_pushed,
         changes_rejected = d.changes_rejected + EXCLUDED.changes_rejected),
     batch AS (
       UPDATE sync_batch SET status = 'applied', processed_at = $5::timestamptz,
              receipt = $8::jsonb || jsonb_build_object('server_time', ${stampText('clock.micros')})
         FROM clock WHERE id = $2::uuid)
     SELECT micros FROM clock`),
    closing.userId,
    closing.batchId,
    JSON.stringify(keys),
    closing.deviceId,
    closing.processedAt.toISOString(),
    receipt.results.length,
    rejected,
    JSON.stringify(receipt),
  );
  return BigInt(row?.micros ?? 0n);
}
