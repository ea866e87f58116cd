export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal jitter": attempt n waits a uniformly random time in
 * [cap/2, cap], cap = min(max, base * 2^n). Half the cap is kept so a retry never comes instantly.
 */
export class Backoff {
  readonly #options: BackoffOptions;
  readonly #random: () => number;
  #failures = 0;

  constructor(options: BackoffOptions, random: () => number) {
    this.#options = options;
    this.#random = random;
  }

  get failures(): number {
    return this.#failures;
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  fail(): number {
    const cap = Math.min(this.#options.maxMs, this.#options.baseMs * 2 ** this.#failures);
    this.#failures += 1;
    return Math.round(cap / 2 + (cap / 2) * this.#random());
  }

  reset(): void {
    this.#failures = 0;
  }
}
