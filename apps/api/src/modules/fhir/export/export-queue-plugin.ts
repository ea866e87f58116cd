import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { BatchQueue } from '../../../jobs/batch-queue';
import { createInProcessBatchQueue } from '../../../jobs/in-process-batch-queue';
import { createPgBossBatchQueue } from '../../../jobs/pg-boss-batch-queue';
import { runFhirExport } from './run-fhir-export';

declare module 'fastify' {
  interface FastifyInstance {
    fhirExportQueue: BatchQueue;
  }
}

/** Bulk Data exports run in the background: pg-boss on PostgreSQL, in this process on PGlite. */
export default fp(
  async function fhirExportQueuePlugin(app: FastifyInstance) {
    const { prisma } = app.db;
    const worker = {
      process: (jobId: string) => runFhirExport(prisma, jobId),
      listPending: async () =>
        (
          await prisma.fhirExportJob.findMany({
            where: { status: { in: ['queued', 'running'] }, expiresAt: { gt: new Date() } },
            select: { id: true },
            orderBy: { createdAt: 'asc' },
          })
        ).map((j) => j.id),
      onError: (error: unknown, jobId: string) =>
        app.log.error({ err: error, jobId }, 'FHIR export failed'),
    };
    const queue =
      app.db.kind === 'postgres'
        ? createPgBossBatchQueue({ ...worker, queue: 'fhir-export', pool: app.db.pool })
        : createInProcessBatchQueue(worker);
    app.decorate('fhirExportQueue', queue);
    app.addHook('onReady', () => queue.start());
    app.addHook('onClose', () => queue.stop());
  },
  { name: 'fhir-export-queue', dependencies: ['database'] },
);
