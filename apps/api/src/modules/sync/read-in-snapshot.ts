import type { Db, PrismaClient } from '../../db/prisma';
import { Prisma } from '../../db/prisma';
import { readWatermark } from '../../core/sync-clock';

/** Where a snapshot read goes, and the watermark if it was already read (on the primary). */
export type SnapshotSource = { prisma: PrismaClient; watermark?: bigint };

/**
 * Runs a read in one REPEATABLE READ snapshot, with the watermark read BEFORE it (sync_watermark()
 * looks at in-flight writers, which a snapshot cannot see): every change at or below the watermark
 * is committed by then, so the snapshot holds it. Read-only, so it takes no locks writers wait for.
 */
export async function readInSnapshot<T>(
  source: SnapshotSource,
  fn: (tx: Db, watermark: bigint) => Promise<T>,
): Promise<T> {
  const watermark = source.watermark ?? (await readWatermark(source.prisma));
  return source.prisma.$transaction((tx) => fn(tx, watermark), {
    isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
    maxWait: 30_000,
    timeout: 120_000,
  });
}
