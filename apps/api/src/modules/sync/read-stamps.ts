import type { Db } from '../../db/prisma';

/** µs since the epoch of a timestamptz, exactly as the change-stamp trigger computes `stamp`. */
export const MICROS_OF = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint`;

/** The highest change stamp committed and visible in this transaction's snapshot. */
export async function readWatermark(db: Db): Promise<bigint> {
  const rows = await db.$queryRawUnsafe<{ micros: bigint }[]>(
    `SELECT ${MICROS_OF('last')} AS micros FROM sync_clock WHERE id = 1`,
  );
  return BigInt(rows[0]?.micros ?? 0n);
}

/** The stamp older cursors must not go below (tombstones before it are purged); 0 if none. */
export async function readPurgeWatermark(db: Db): Promise<bigint> {
  const row = await db.syncPurge.findUnique({ where: { id: 1 } });
  return row?.watermark ?? 0n;
}

/** The server's clock in µs, for "is this cursor in the future" checks. */
export async function readServerClock(db: Db): Promise<bigint> {
  const rows = await db.$queryRawUnsafe<{ micros: bigint }[]>(
    `SELECT ${MICROS_OF('clock_timestamp()')} AS micros`,
  );
  return BigInt(rows[0]?.micros ?? 0n);
}
