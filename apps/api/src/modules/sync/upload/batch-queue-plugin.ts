import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { BatchQueue } from '../../../jobs/batch-queue';
import { createInProcessBatchQueue } from '../../../jobs/in-process-batch-queue';
import { createPgBossBatchQueue } from '../../../jobs/pg-boss-batch-queue';
import { processStoredBatch } from './upload-batch';

declare module 'fastify' {
  interface FastifyInstance {
    batchQueue: BatchQueue;
  }
}

/** The background worker for `?async=true` uploads and /api/sync/trigger/. */
export default fp(
  async function batchQueuePlugin(app: FastifyInstance) {
    const { prisma } = app.db;
    const worker = {
      process: (batchId: string, taskId: string) =>
        processStoredBatch(prisma, batchId, taskId, {
          onApplied: (receipt) => app.metrics.recordReceipt(receipt, 'async'),
        }),
      listPending: async () =>
        (
          await prisma.syncBatch.findMany({
            where: { status: 'pending' },
            select: { id: true },
            orderBy: { createdAt: 'asc' },
          })
        ).map((b) => b.id),
      onError: (error: unknown, batchId: string) =>
        app.log.error({ err: error, batchId }, 'batch processing failed; it stays pending'),
    };
    // PostgreSQL: pg-boss, shared by every instance. PGlite: this process is the only one.
    const queue =
      app.db.kind === 'postgres'
        ? createPgBossBatchQueue({ ...worker, pool: app.db.pool })
        : createInProcessBatchQueue(worker);
    app.decorate('batchQueue', queue);
    app.addHook('onReady', () => queue.start());
    app.addHook('onClose', () => queue.stop());
  },
  { name: 'batch-queue', dependencies: ['database', 'metrics'] },
);
