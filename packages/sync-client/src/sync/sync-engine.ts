import { HealthSyncError } from '@healthsync/contracts';
import type { Clock } from '../clock';
import { closeResolvedConflicts } from '../conflicts/server-conflicts';
import type { PlatformSignals } from '../platform-signals';
import type { Observable } from '../status/observable';
import type { SyncClientStatus, SyncErrorInfo } from '../status/sync-status';
import type { SyncStore } from '../store/sync-store';
import type { SyncLock } from './auth';
import { Backoff } from './backoff';
import type { BackoffOptions } from './backoff';
import { pullChanges } from './pull';
import { pushOutbox } from './push';
import type { SyncApi } from './sync-api';

export interface SyncEngineOptions {
  store: SyncStore;
  api: SyncApi;
  deviceId: string;
  clock: Clock;
  signals: PlatformSignals;
  status: Observable<SyncClientStatus>;
  backoff: BackoffOptions;
  pageSize: number;
  maxPageSize: number;
  batchSize: number;
  /** Periodic sync while online. */
  intervalMs: number;
  /** Delay between a local edit and the push it triggers (edits in a burst go together). */
  pushDelayMs: number;
  /** Each cycle runs holding its 'sync' lock: one cycle at a time across clients of one store. */
  lock: SyncLock;
  onInvalidRow?: (issue: string) => void;
  /** Server data changed locally (after a pull page or a receipt). */
  onDataChange(): void;
}

export function errorInfo(error: unknown, at: number): SyncErrorInfo {
  if (error instanceof HealthSyncError) {
    return { code: error.code, message: error.message, status: error.status || null, at };
  }
  return {
    code: null,
    message: error instanceof Error ? error.message : String(error),
    status: null,
    at,
  };
}

/**
 * The sync loop: push the outbox, close resolved conflicts, pull until the feed is drained.
 * One cycle at a time; a trigger during a cycle schedules exactly one more. Failures back off
 * exponentially with jitter; a sign-in failure stops the loop until the next explicit sync.
 *
 *   trigger ──> [running?] ──yes──> again = true
 *                   │no
 *                   v
 *               push ─> close conflicts ─> pull pages ─> idle ──(again?)──> push …
 *                   │ error
 *                   v
 *           sign-in? ─yes─> needsSignIn, wait for syncNow()
 *                   │no
 *                   v
 *            retry timer (backoff)
 */
export class SyncEngine {
  readonly #o: SyncEngineOptions;
  readonly #backoff: Backoff;
  readonly #batchSize: { value: number };
  #loop: Promise<void> | null = null;
  #again = false;
  #started = false;
  #retryTimer: unknown = null;
  #intervalTimer: unknown = null;
  #pushTimer: unknown = null;
  #unsubscribe: (() => void)[] = [];

  constructor(options: SyncEngineOptions) {
    this.#o = options;
    this.#backoff = new Backoff(options.backoff, options.clock.random);
    this.#batchSize = { value: options.batchSize };
  }

  get failures(): number {
    return this.#backoff.failures;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    const { signals, status } = this.#o;
    status.update({ online: signals.isOnline() });
    this.#unsubscribe = [
      signals.onOnline(() => {
        status.update({ online: true });
        this.#backoff.reset();
        void this.request();
      }),
      signals.onOffline(() => status.update({ online: false })),
      signals.onForeground(() => {
        if (!this.#inBackoff()) void this.request();
      }),
    ];
    this.#scheduleInterval();
    void this.request();
  }

  async stop(): Promise<void> {
    this.#started = false;
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    for (const timer of [this.#retryTimer, this.#intervalTimer, this.#pushTimer]) {
      if (timer !== null) this.#o.clock.clearTimeout(timer);
    }
    this.#retryTimer = this.#intervalTimer = this.#pushTimer = null;
    await this.#loop;
  }

  #inBackoff(): boolean {
    const next = this.#o.status.getSnapshot().nextRetryAt;
    return next !== null && next > this.#o.clock.now();
  }

  #scheduleInterval(): void {
    if (!this.#started) return;
    this.#intervalTimer = this.#o.clock.setTimeout(() => {
      if (
        this.#o.signals.isOnline() &&
        !this.#inBackoff() &&
        !this.#o.status.getSnapshot().needsSignIn
      ) {
        void this.request();
      }
      this.#scheduleInterval();
    }, this.#o.intervalMs);
  }

  /** After a local edit: push soon, once for a burst of edits. */
  edited(): void {
    if (!this.#started || this.#pushTimer !== null) return;
    this.#pushTimer = this.#o.clock.setTimeout(() => {
      this.#pushTimer = null;
      if (!this.#inBackoff() && !this.#o.status.getSnapshot().needsSignIn) void this.request();
    }, this.#o.pushDelayMs);
  }

  /**
   * Runs a sync cycle now, or one more after the running one. Resolves when that cycle is over;
   * never rejects (the outcome is in the status).
   */
  request(): Promise<void> {
    if (this.#loop) {
      this.#again = true;
      return this.#loop;
    }
    this.#loop = (async () => {
      do {
        this.#again = false;
        await this.#o.lock('sync', () => this.#cycle());
      } while (this.#again);
    })().finally(() => {
      this.#loop = null;
    });
    return this.#loop;
  }

  /** An explicit sync: clears a sign-in stop and a backoff wait. */
  syncNow(): Promise<void> {
    this.#o.status.update({ needsSignIn: false });
    this.#clearRetry();
    return this.request();
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) this.#o.clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#o.status.update({ nextRetryAt: null });
  }

  async #cycle(): Promise<void> {
    const { store, api, status, clock } = this.#o;
    if (status.getSnapshot().needsSignIn) return;
    try {
      status.update({ phase: 'pushing' });
      const pushed = await pushOutbox({
        store,
        api,
        deviceId: this.#o.deviceId,
        now: clock.now,
        batchSize: this.#batchSize,
        ...(this.#o.onInvalidRow ? { onInvalidRow: this.#o.onInvalidRow } : {}),
        onBatchDone: () => this.#o.onDataChange(),
      });
      const parkedError = pushed.parked.at(-1) ?? null;
      await closeResolvedConflicts(store, api);
      status.update({ phase: 'pulling', progress: { pulled: 0, total: null, table: null } });
      await pullChanges({
        store,
        api,
        pageSize: this.#o.pageSize,
        maxPageSize: this.#o.maxPageSize,
        now: this.#o.clock.now,
        ...(this.#o.onInvalidRow ? { onInvalidRow: this.#o.onInvalidRow } : {}),
        onProgress: (progress) => {
          status.update({ progress });
          this.#o.onDataChange();
        },
        onResync: () => this.#o.onDataChange(),
      });
      const at = clock.now();
      await store.write((tx) => tx.setMeta('lastSuccessfulSyncAt', at));
      this.#backoff.reset();
      this.#clearRetry();
      status.update({
        phase: 'idle',
        progress: null,
        online: true,
        lastSuccessfulSyncAt: at,
        lastError: parkedError ? errorInfo(parkedError, at) : null,
      });
    } catch (error) {
      const at = clock.now();
      status.update({ phase: 'idle', progress: null, lastError: errorInfo(error, at) });
      if (error instanceof HealthSyncError && error.kind === 'auth') {
        status.update({ needsSignIn: true });
      } else {
        this.#scheduleRetry();
      }
    }
  }

  #scheduleRetry(): void {
    const delay = this.#backoff.fail();
    if (!this.#started) return;
    if (this.#retryTimer !== null) this.#o.clock.clearTimeout(this.#retryTimer);
    this.#o.status.update({ nextRetryAt: this.#o.clock.now() + delay });
    this.#retryTimer = this.#o.clock.setTimeout(() => {
      this.#retryTimer = null;
      this.#o.status.update({ nextRetryAt: null });
      void this.request();
    }, delay);
  }
}
