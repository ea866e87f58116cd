import type { PrismaClient } from '../../db/prisma';
import { inTransaction } from '../../lib/transaction';

/** Tombstones go child-first, and only when nothing still references them. */
const PURGES: { table: string; unreferenced: string }[] = [
  { table: 'health_record', unreferenced: 'TRUE' },
  { table: 'appointment', unreferenced: 'TRUE' },
  { table: 'inventory_item', unreferenced: 'TRUE' },
  {
    table: 'patient',
    unreferenced:
      'NOT EXISTS (SELECT 1 FROM appointment a WHERE a.patient_id = t.id) AND NOT EXISTS (SELECT 1 FROM health_record r WHERE r.patient_id = t.id)',
  },
  {
    table: 'doctor',
    unreferenced: 'NOT EXISTS (SELECT 1 FROM appointment a WHERE a.doctor_id = t.id)',
  },
  {
    table: 'pharmacy',
    unreferenced:
      'NOT EXISTS (SELECT 1 FROM inventory_item i WHERE i.pharmacy_id = t.id) AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.pharmacy_id = t.id)',
  },
  {
    table: 'medicine',
    unreferenced: 'NOT EXISTS (SELECT 1 FROM inventory_item i WHERE i.medicine_id = t.id)',
  },
];

export type PurgeResult = { purged: number; watermark: bigint };

/**
 * Removes tombstones (and scope removals) older than the cutoff, and raises the purge watermark to
 * the newest stamp removed: a client whose cursor is older may have missed those deletions and
 * gets 410 RESYNC_REQUIRED. Idempotent; safe to run from several instances.
 */
export function purgeTombstones(prisma: PrismaClient, olderThan: Date): Promise<PurgeResult> {
  return inTransaction(prisma, async (tx) => {
    const cutoff = BigInt(olderThan.getTime()) * 1000n;
    let purged = 0;
    let newest = 0n;
    const note = (rows: { stamp: bigint }[]) => {
      purged += rows.length;
      for (const { stamp } of rows) if (BigInt(stamp) > newest) newest = BigInt(stamp);
    };
    for (const { table, unreferenced } of PURGES) {
      note(
        await tx.$queryRawUnsafe<{ stamp: bigint }[]>(
          `DELETE FROM "${table}" AS t WHERE t.deleted AND t.stamp < $1 AND ${unreferenced} RETURNING t.stamp`,
          cutoff,
        ),
      );
    }
    note(
      await tx.$queryRawUnsafe<{ stamp: bigint }[]>(
        `DELETE FROM scope_exit WHERE stamp < $1 RETURNING stamp`,
        cutoff,
      ),
    );

    const current = (await tx.syncPurge.findUnique({ where: { id: 1 } }))?.watermark ?? 0n;
    const watermark = newest > current ? newest : current;
    if (newest > current) {
      await tx.syncPurge.upsert({
        where: { id: 1 },
        create: { id: 1, watermark, purgedAt: new Date() },
        update: { watermark, purgedAt: new Date() },
      });
    }
    return { purged, watermark };
  });
}
