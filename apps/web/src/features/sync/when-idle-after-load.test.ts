import { describe, expect, it } from 'vitest';
import {
  IDLE_TIMEOUT_MS,
  NO_IDLE_CALLBACK_DELAY_MS,
  whenIdleAfterLoad,
} from './when-idle-after-load';
import type { IdleHost } from './when-idle-after-load';

/** A window whose load event, idle callbacks and timers fire only when the test says so. */
function fakeHost(readyState: DocumentReadyState, withIdleCallback: boolean) {
  const loadListeners: (() => void)[] = [];
  const idle: { callback: () => void; timeout: number }[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const host: IdleHost = {
    document: { readyState },
    addEventListener: (_type, listener) => loadListeners.push(listener),
    setTimeout: (callback, ms) => timers.push({ callback, ms }),
    ...(withIdleCallback
      ? {
          requestIdleCallback: (callback: () => void, options: { timeout: number }) =>
            idle.push({ callback, timeout: options.timeout }),
        }
      : {}),
  };
  const load = () => {
    host.document.readyState = 'complete';
    for (const listener of loadListeners.splice(0)) listener();
  };
  return { host, load, idle, timers };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function track(promise: Promise<void>) {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
}

describe('whenIdleAfterLoad', () => {
  it('waits for the load event, then for idle time bounded by a short timeout', async () => {
    const { host, load, idle } = fakeHost('interactive', true);
    const state = track(whenIdleAfterLoad(host));
    await settled();
    expect(idle).toHaveLength(0);
    load();
    await settled();
    expect(idle).toEqual([{ callback: expect.any(Function), timeout: IDLE_TIMEOUT_MS }]);
    expect(state.done).toBe(false);
    idle[0]?.callback();
    await settled();
    expect(state.done).toBe(true);
  });

  it('asks for idle time at once when the page has already loaded', async () => {
    const { host, idle } = fakeHost('complete', true);
    const state = track(whenIdleAfterLoad(host));
    await settled();
    expect(idle).toHaveLength(1);
    idle[0]?.callback();
    await settled();
    expect(state.done).toBe(true);
  });

  it('falls back to a short pause where requestIdleCallback is missing', async () => {
    const { host, timers } = fakeHost('complete', false);
    const state = track(whenIdleAfterLoad(host));
    await settled();
    expect(timers.map((t) => t.ms)).toEqual([NO_IDLE_CALLBACK_DELAY_MS]);
    timers[0]?.callback();
    await settled();
    expect(state.done).toBe(true);
  });
});
