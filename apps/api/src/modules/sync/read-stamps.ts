import { MICROS_OF } from '../../core/sync-clock';

export { MICROS_OF, readWatermark } from '../../core/sync-clock';

/** The clocks a cursor is checked against, read together. */
export type SyncStamps = {
  /** The server's clock (µs), for "is this cursor in the future" checks. */
  clock: bigint;
  /** The reader's watermark (sync_watermark(), read before its snapshot): every change at or below it is in the snapshot. */
  watermark: bigint;
  /** The stamp older cursors must not go below (tombstones before it are purged); 0 if none. */
  purged: bigint;
  /** After a restore from backup (sync_epoch): cursors below `floor` are from before it. */
  epoch: { floor: bigint; backupClock: bigint };
};

/** SQL columns of a SyncStamps; the watermark is given (an expression), read before the snapshot. */
export const syncStampsSql = (watermark: string) => `${MICROS_OF('clock_timestamp()')} AS clock,
  ${watermark} AS watermark,
  COALESCE((SELECT watermark FROM sync_purge WHERE id = 1), 0) AS purged,
  COALESCE((SELECT floor FROM sync_epoch WHERE id = 1), 0) AS epoch_floor,
  COALESCE((SELECT backup_clock FROM sync_epoch WHERE id = 1), 0) AS epoch_backup_clock`;

export const syncStampsOf = (row: {
  clock: bigint | number;
  watermark: bigint | number | null;
  purged: bigint | number;
  epoch_floor: bigint | number;
  epoch_backup_clock: bigint | number;
}): SyncStamps => ({
  clock: BigInt(row.clock),
  watermark: BigInt(row.watermark ?? 0),
  purged: BigInt(row.purged),
  epoch: { floor: BigInt(row.epoch_floor), backupClock: BigInt(row.epoch_backup_clock) },
});
