import { HealthSyncError, type UploadReceipt, type UploadRequest } from '@healthsync/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db, PrismaClient, SyncBatchRow } from '../../../db/prisma';
import type { Prisma } from '../../../db/prisma';
import { prepared } from '../../../db/prepared-statements';
import { notFound } from '../../../lib/errors';
import { inTransaction, lockRow } from '../../../lib/transaction';
import type { AuditActor } from '../../../core/record-audit';
import type { AuthUser } from '../../../core/auth-user';
import { loadAuthUser } from '../../auth/load-auth-user';
import { applyStoredBatch, receiptOf, type BatchHooks } from './apply-sync-batch';
import { BulkWriteRefused } from './bulk-writer';

/** Stores the batch (a replay finds the stored one) and returns it locked for this transaction. */
async function storeBatch(tx: Db, user: AuthUser, request: UploadRequest): Promise<SyncBatchRow> {
  const id = request.batch_id ?? uuidv7();
  // ON CONFLICT DO NOTHING waits for a concurrent insert of the same id to commit, so a replay
  // that races the original sees its receipt instead of applying the changes a second time.
  // Raw SQL with the request as one JSON text: Prisma would walk every value of a large batch.
  const [inserted] = await tx.$queryRawUnsafe<{ created_at: Date }[]>(
    prepared(`INSERT INTO sync_batch (id, user_id, device_id, status, request)
     VALUES ($1::uuid, $2::uuid, $3, 'pending', $4::jsonb)
     ON CONFLICT (id) DO NOTHING RETURNING created_at`),
    id,
    user.id,
    request.device_id,
    JSON.stringify(request),
  );
  if (inserted) {
    // New, so locked by this transaction already, and nothing in it to read back.
    const { created_at: createdAt } = inserted;
    return {
      id,
      userId: user.id,
      deviceId: request.device_id,
      status: 'pending',
      request: request as unknown as Prisma.JsonValue,
      receipt: null,
      error: null,
      createdAt: new Date(createdAt),
      processedAt: null,
    };
  }
  await lockRow(tx, 'sync_batch', id, { column: 'user_id', equals: user.id });
  const batch = await tx.syncBatch.findUniqueOrThrow({ where: { id } });
  if (batch.userId !== user.id) {
    throw new HealthSyncError(
      'CONFLICT',
      'This batch_id belongs to another user; generate a new one.',
      {
        errors: { batch_id: 'Already used by another user.' },
      },
    );
  }
  return batch;
}

/** Runs a batch's transaction; when a bulk write was refused, runs it again with every change alone. */
async function withOneByOneRetry<T>(
  hooks: BatchHooks,
  attempt: (hooks: BatchHooks) => Promise<T>,
): Promise<T> {
  try {
    return await attempt(hooks);
  } catch (error) {
    if (!(error instanceof BulkWriteRefused)) throw error;
    return attempt({ ...hooks, oneByOne: true });
  }
}

/** POST /api/sync/upload/: applies the batch now and returns its receipt (a replay gets the stored one). */
export function uploadBatch(
  prisma: PrismaClient,
  user: AuthUser,
  actor: AuditActor,
  request: UploadRequest,
  hooks: BatchHooks = {},
): Promise<UploadReceipt> {
  return withOneByOneRetry(hooks, (attemptHooks) =>
    inTransaction(prisma, async (tx) => {
      const batch = await storeBatch(tx, user, request);
      if (batch.status === 'applied') return receiptOf(batch);
      return applyStoredBatch(tx, batch, user, actor, attemptHooks);
    }),
  );
}

/** `?async=true`: stores the batch for the background worker; the receipt is read later. */
export function storeBatchForLater(
  prisma: PrismaClient,
  user: AuthUser,
  request: UploadRequest,
): Promise<UploadReceipt> {
  return inTransaction(prisma, async (tx) => receiptOf(await storeBatch(tx, user, request)));
}

/** The worker's job: applies a stored batch once; applied batches are left as they are. */
export async function processStoredBatch(
  prisma: PrismaClient,
  batchId: string,
  taskId: string,
  hooks: BatchHooks = {},
): Promise<void> {
  await withOneByOneRetry(hooks, (attemptHooks) =>
    inTransaction(prisma, async (tx) => {
      if (!(await lockRow(tx, 'sync_batch', batchId))) return;
      const batch = await tx.syncBatch.findUniqueOrThrow({ where: { id: batchId } });
      if (batch.status === 'applied') return;
      const user = await loadAuthUser(tx, { id: batch.userId });
      if (!user) {
        await tx.syncBatch.update({
          where: { id: batchId },
          data: { status: 'failed', error: 'The uploading user no longer exists or is inactive.' },
        });
        return;
      }
      const { passwordHash: _, ...authUser } = user;
      await applyStoredBatch(
        tx,
        batch,
        authUser,
        { userId: user.id, deviceId: batch.deviceId, requestId: `task:${taskId}` },
        attemptHooks,
      );
    }),
  );
}

/** A batch the caller may see: their own, or any for an admin. */
export async function findBatchFor(db: Db, user: AuthUser, batchId: string) {
  const batch = await db.syncBatch.findUnique({ where: { id: batchId } });
  if (!batch || (batch.userId !== user.id && user.role !== 'admin'))
    throw notFound('Sync batch not found.');
  return batch;
}
