import { uuidv7 } from 'uuidv7';
import type { BatchProcessor, BatchQueue } from './batch-queue';

/**
 * The embedded database's queue: one worker in this process, in order. Durable because the work
 * itself is in the database: a batch stays `pending` until it is applied, and `start()` re-queues
 * every pending batch, so nothing is lost when the process dies.
 */
export function createInProcessBatchQueue(options: {
  process: BatchProcessor;
  listPending: () => Promise<string[]>;
  onError: (error: unknown, batchId: string) => void;
}): BatchQueue {
  let tail: Promise<void> = Promise.resolve();
  let running = false;

  const enqueue = async (batchId: string) => {
    const taskId = uuidv7();
    tail = tail.then(async () => {
      if (!running) return;
      try {
        await options.process(batchId, taskId);
      } catch (error) {
        options.onError(error, batchId);
      }
    });
    return taskId;
  };

  return {
    enqueue,
    async start() {
      running = true;
      for (const batchId of await options.listPending()) await enqueue(batchId);
    },
    async stop() {
      await tail;
      running = false;
    },
    drain: () => tail,
  };
}
