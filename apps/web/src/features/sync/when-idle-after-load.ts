/** The parts of `window` this needs (a fake in unit tests). */
export interface IdleHost {
  document: { readyState: DocumentReadyState };
  addEventListener(type: 'load', listener: () => void, options: { once: true }): void;
  requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number;
  setTimeout(callback: () => void, ms: number): number;
}

/**
 * Idle time is usually found within a frame or two of load; the timeout bounds the wait on a
 * page that is never idle (an animation, a long first sync), so live updates still start soon.
 */
export const IDLE_TIMEOUT_MS = 1_000;
/** Where requestIdleCallback is missing (Safari): a short pause after load instead. */
export const NO_IDLE_CALLBACK_DELAY_MS = 200;

/**
 * Resolves once the page has loaded and the browser then has a moment of idle time (at most
 * `IDLE_TIMEOUT_MS` later): work started here never competes with first paint or hydration.
 */
export function whenIdleAfterLoad(host: IdleHost): Promise<void> {
  const loaded =
    host.document.readyState === 'complete'
      ? Promise.resolve()
      : new Promise<void>((resolve) => host.addEventListener('load', resolve, { once: true }));
  return loaded.then(
    () =>
      new Promise<void>((resolve) => {
        if (host.requestIdleCallback)
          host.requestIdleCallback(resolve, { timeout: IDLE_TIMEOUT_MS });
        else host.setTimeout(resolve, NO_IDLE_CALLBACK_DELAY_MS);
      }),
  );
}
