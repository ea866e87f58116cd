import type { SyncLock } from '../sync/auth';

/** navigator.locks within one process: the tasks of one name run one after another. */
export function memoryLock(): SyncLock {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(name: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(name) ?? Promise.resolve()).then(task);
    tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };
}
