import type { Clock } from '../clock';

/** A clock whose time moves only when the test says so. */
export class FakeClock implements Clock {
  time = 1_700_000_000_000;
  randomValue = 0.5;
  #nextId = 1;
  readonly timers = new Map<number, { at: number; fn: () => void }>();

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
