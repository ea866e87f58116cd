import type { Db } from '../db/prisma';

/** µs since the epoch of a timestamptz, exactly as the change-stamp trigger computes `stamp`. */
export const MICROS_OF = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint`;

/**
 * The watermark (µs): every change stamped at or below it is committed, so a snapshot taken after
 * this returns holds all of them (sync_watermark(), migration *_partitioned_sync_clock). Read it on
 * the primary, outside a REPEATABLE READ transaction: it looks at the writers in flight there.
 */
export async function readWatermark(db: Db): Promise<bigint> {
  const rows = await db.$queryRawUnsafe<{ micros: bigint }[]>(`SELECT sync_watermark() AS micros`);
  return BigInt(rows[0]?.micros ?? 0n);
}
