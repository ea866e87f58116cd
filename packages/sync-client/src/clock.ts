/** Time, timers and randomness, injectable so tests control backoff and scheduling. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) =>
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  random: () => Math.random(),
};

/**
 * A clock whose time moves only when told to: timeouts, backoff and schedules fire by calling
 * `advance`, with no real waiting. For tests and simulations of this client.
 */
export class ManualClock implements Clock {
  /** The fixed value `random()` returns (0.5: the middle of every jitter range). */
  randomValue = 0.5;
  #nextId = 1;
  readonly timers = new Map<number, { at: number; fn: () => void }>();
  time: number;

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now = (): number => this.time;
  random = (): number => this.randomValue;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.#nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
}
