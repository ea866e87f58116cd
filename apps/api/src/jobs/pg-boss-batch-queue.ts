import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { BatchProcessor, BatchQueue } from './batch-queue';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/**
 * PostgreSQL's queue: pg-boss on the same database, so any API instance may pick up a job and each
 * job is fetched by exactly one of them (SKIP LOCKED). Processing is idempotent besides.
 */
export function createPgBossBatchQueue(options: {
  pool: pg.Pool;
  /** pg-boss queue name; default `sync-batch` (uploads). */
  queue?: string;
  process: BatchProcessor;
  listPending: () => Promise<string[]>;
  onError: (error: unknown, batchId: string) => void;
  pollingIntervalSeconds?: number;
  /** pg-boss's maintenance (expiring and archiving jobs); default 120 s. */
  maintenanceIntervalSeconds?: number;
}): BatchQueue {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => options.pool.query(text, values) },
    supervise: true,
    schedule: false,
    ...(options.maintenanceIntervalSeconds && {
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
    }),
  });
  // pg-boss reports failures of its maintenance as 'error' events (e.g. while PostgreSQL restarts);
  // an EventEmitter without an 'error' listener throws, which here is an unhandled rejection
  // that ends the process. It retries on its next run by itself.
  boss.on('error', (error) => {
    console.warn(`Job queue: ${error.message}; pg-boss retries.`);
  });
  const enqueued = new Set<string>();
  const QUEUE = options.queue ?? 'sync-batch';

  const enqueue = async (batchId: string) => {
    const id = await boss.send(QUEUE, { batchId }, { retryLimit: 5, retryBackoff: true });
    if (!id) throw new Error('pg-boss refused the job');
    enqueued.add(id);
    return id;
  };

  return {
    enqueue,
    async start() {
      await boss.start();
      await boss.createQueue(QUEUE);
      await boss.work<{ batchId: string }>(
        QUEUE,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
        async ([job]) => {
          if (!job) return;
          try {
            await options.process(job.data.batchId, job.id);
          } catch (error) {
            options.onError(error, job.data.batchId);
            throw error; // pg-boss retries it
          }
        },
      );
      // Batches stored while no worker ran (e.g. a crash between storing and enqueueing).
      for (const batchId of await options.listPending()) await enqueue(batchId);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
    async drain() {
      // Waits for the jobs this instance enqueued; whichever instance runs them.
      for (const id of [...enqueued]) {
        for (;;) {
          const job = await boss.getJobById(QUEUE, id, { includeArchive: true });
          if (!job || FINISHED.has(job.state)) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        enqueued.delete(id);
      }
    },
  };
}
