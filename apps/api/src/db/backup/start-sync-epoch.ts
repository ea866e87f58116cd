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
      `WITH backup AS (SELECT last FROM sync_clock WHERE id = 1 FOR UPDATE)
       UPDATE sync_clock AS c
          SET last = GREATEST(clock_timestamp(), backup.last + interval '1 microsecond')
         FROM backup WHERE c.id = 1
       RETURNING ${MICROS_OF('c.last')} AS floor, ${MICROS_OF('backup.last')} AS backup_clock`,
    );
    if (!row) throw new Error('sync_clock has no row with id 1');
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
