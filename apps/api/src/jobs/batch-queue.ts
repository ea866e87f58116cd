/** Where uploaded batches wait for background processing. Processing itself is idempotent. */
export interface BatchQueue {
  /** Schedules the batch's processing; returns the task id. */
  enqueue(batchId: string): Promise<string>;
  /** Starts working (and picks up batches left pending by a previous process). */
  start(): Promise<void>;
  /** Stops taking work and waits for the running task. */
  stop(): Promise<void>;
  /** Resolves when every task enqueued so far has finished (tests, graceful shutdown). */
  drain(): Promise<void>;
}

export type BatchProcessor = (batchId: string, taskId: string) => Promise<void>;
