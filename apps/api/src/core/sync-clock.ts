import type { Db } from '../db/prisma';

/** µs since the epoch of a timestamptz, exactly as the change-stamp trigger computes `stamp`. */
export const MICROS_OF = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint`;

/**
 * The highest change stamp committed and visible to this read (in a transaction: its snapshot's).
 * On a streaming replica, the highest stamp it has applied: commits replay in stamp order.
 */
export async function readWatermark(db: Db): Promise<bigint> {
  const rows = await db.$queryRawUnsafe<{ micros: bigint }[]>(
    `SELECT ${MICROS_OF('last')} AS micros FROM sync_clock WHERE id = 1`,
  );
  return BigInt(rows[0]?.micros ?? 0n);
}
