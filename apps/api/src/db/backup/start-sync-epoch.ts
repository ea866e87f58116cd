import type { PrismaClient } from '../prisma';
import { inTransaction } from '../../lib/transaction';
import { MICROS_OF } from '../../modules/sync/read-stamps';
import { recordAudit, type AuditActor } from '../../core/record-audit';

export type SyncEpoch = { floor: bigint; backupClock: bigint };

/**
 * After a restore from backup: moves the change clock on to now and records the new epoch, so
 * every cursor handed out before the restore gets 410 RESYNC_REQUIRED (cursor-param.ts) and its
 * device downloads everything again, keeping its unsent changes. Audited.
 */
export function startSyncEpoch(
  prisma: PrismaClient,
  actor: AuditActor,
  restoredFrom: string,
): Promise<SyncEpoch> {
  return inTransaction(prisma, async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ floor: bigint; backup_clock: bigint }[]>(
      // Every partition's clock moves to the floor: the next stamp of any of them is above it.
      `WITH locked AS (SELECT last FROM sync_clock FOR UPDATE),
            backup AS (SELECT COALESCE(max(last), 'epoch'::timestamptz) AS last FROM locked),
            epoch AS (SELECT last, GREATEST(clock_timestamp(), last + interval '1 microsecond') AS floor
                        FROM backup),
            moved AS (INSERT INTO sync_clock AS c ("partition", last) SELECT '', floor FROM epoch
                      ON CONFLICT ("partition") DO UPDATE SET last = EXCLUDED.last),
            others AS (UPDATE sync_clock SET last = epoch.floor FROM epoch WHERE "partition" <> '')
       SELECT ${MICROS_OF('floor')} AS floor, ${MICROS_OF('last')} AS backup_clock FROM epoch`,
    );
    if (!row) throw new Error('sync_clock could not be moved on');
    const epoch = { floor: BigInt(row.floor), backupClock: BigInt(row.backup_clock) };
    await tx.syncEpoch.upsert({
      where: { id: 1 },
      create: { id: 1, ...epoch, startedAt: new Date() },
      update: { ...epoch, startedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: 'restore',
      entityType: 'Database',
      entityId: 'sync_epoch',
      after: {
        restored_from: restoredFrom,
        epoch_floor: String(epoch.floor),
        backup_clock: String(epoch.backupClock),
      },
    });
    return epoch;
  });
}
