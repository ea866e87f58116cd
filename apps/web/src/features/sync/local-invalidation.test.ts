import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { localInvalidation } from './local-invalidation';

/** A read that waits until the test lets it finish, and returns the store's version then. */
function controlledReads() {
  let version = 0;
  const pending: (() => void)[] = [];
  let started = 0;
  return {
    read: () => {
      started++;
      return new Promise<number>((resolve) => pending.push(() => resolve(version)));
    },
    change: () => void version++,
    finishAll: () => pending.splice(0).forEach((finish) => finish()),
    get started() {
      return started;
    },
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

let stop = () => {};
afterEach(() => stop());

/** A screen showing one local query, and the invalidation under test; stopped after the test. */
function screenShowing(queryKey: readonly unknown[]) {
  const queryClient = new QueryClient();
  const reads = controlledReads();
  const observer = new QueryObserver(queryClient, {
    queryKey,
    queryFn: reads.read,
    staleTime: Infinity,
  });
  const unsubscribe = observer.subscribe(() => {});
  const invalidation = localInvalidation(queryClient);
  stop = () => {
    unsubscribe();
    invalidation.stop();
  };
  return { reads, observer, invalidation };
}

describe('localInvalidation', () => {
  it('lets a running read finish, then reads once more for every change that came meanwhile', async () => {
    const { reads, observer, invalidation } = screenShowing(['local', 'records', 'list']);
    await settled();
    expect(reads.started).toBe(1);
    reads.finishAll(); // the first read: version 0
    await settled();

    reads.change();
    invalidation.invalidate(['local']);
    await settled();
    expect(reads.started).toBe(2);
    for (let page = 0; page < 5; page++) {
      reads.change();
      invalidation.invalidate(['local', 'records']);
    }
    await settled();
    expect(reads.started).toBe(2); // not restarted

    reads.finishAll(); // the second read ends: one more for the five changes
    await settled();
    expect(reads.started).toBe(3);
    reads.finishAll();
    await settled();
    expect(reads.started).toBe(3);
    expect(observer.getCurrentResult().data).toBe(6); // the last change is on screen
  });

  it('leaves queries of other topics alone', async () => {
    const { reads, invalidation } = screenShowing(['local', 'inventory', 'low']);
    await settled();
    reads.finishAll();
    await settled();
    invalidation.invalidate(['local', 'records']);
    await settled();
    expect(reads.started).toBe(1);
  });
});
