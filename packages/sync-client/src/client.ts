import { PAGE_SIZES, type Doctor, type Medicine, type Pharmacy } from '@healthsync/contracts';
import type { z } from 'zod';
import { systemClock } from './clock';
import type { Clock } from './clock';
import type { LocalConflict, LocalConflictStatus } from './conflicts/local-conflict';
import { resolveConflict } from './conflicts/resolve-conflict';
import type { Resolution } from './conflicts/resolve-conflict';
import { importServerConflicts } from './conflicts/server-conflicts';
import { newId } from './ids';
import { appointmentsCollection } from './local/appointments';
import type { AppointmentsCollection } from './local/appointments';
import type { CollectionContext } from './local/collection';
import { directoryCollections } from './local/directory';
import type { DirectoryCollection } from './local/directory';
import { inventoryCollection } from './local/inventory';
import type { InventoryCollection } from './local/inventory';
import { observationHeadsStore } from './local/observation-heads';
import { patientsCollection } from './local/patients';
import type { PatientsCollection } from './local/patients';
import { recordsCollection } from './local/records';
import type { RecordsCollection } from './local/records';
import { browserSignals } from './platform-signals';
import type { PlatformSignals } from './platform-signals';
import { Observable } from './status/observable';
import { INITIAL_STATUS } from './status/sync-status';
import type { SyncClientStatus } from './status/sync-status';
import type { SyncStore } from './store/sync-store';
import type { EntityTable } from './store/tables';
import { noLock } from './sync/auth';
import type { SyncLock, TokenRefresher, TokenStore } from './sync/auth';
import { DEFAULT_BACKOFF } from './sync/backoff';
import type { BackoffOptions } from './sync/backoff';
import { Http } from './sync/http';
import type { FetchLike, HttpRequest, ParsedResponse } from './sync/http';
import { SyncApi } from './sync/sync-api';
import { SyncEngine, errorInfo } from './sync/sync-engine';
import { requeueFailed } from './sync/take-batch';

export interface SyncClientOptions {
  /** openIdbStore(...) in the browser, openMemoryStore() in tests. */
  store: SyncStore;
  /** Origin of the API ('' for same origin). Paths start with /api/. */
  baseUrl: string;
  tokens: TokenStore;
  /** Defaults to POST /api/auth/token/refresh/. */
  refreshTokens?: TokenRefresher;
  /**
   * Where other clients share this store and these tokens (tabs, a service worker): a lock across
   * them, e.g. `(name, task) => navigator.locks.request(`${dbName}:${name}`, task)`. Default: none.
   */
  lock?: SyncLock;
  /** Defaults to globalThis.fetch; tests pass one that calls app.inject or injects faults. */
  fetch?: FetchLike;
  /** The signed-in user, for fields the server fills in on create (shown until the next pull). */
  identity?: () => { userId: string | null; facilityId: string | null };
  /** Defaults to a UUIDv7 made once and kept in the store. */
  deviceId?: string;
  clock?: Clock;
  /** Defaults to the browser's online/offline/focus/visibility events. */
  signals?: PlatformSignals;
  /** Rows of the first page of each pull (default 500: about 10 s of 2G per page). */
  pageSize?: number;
  /**
   * Later pages of a long pull grow to about 5 s each, up to this many rows (default 2,000;
   * the server allows 5,000): fewer round trips on a slow link, fewer requests on a fast one.
   */
  maxPageSize?: number;
  /** Changes per upload batch (default 200). */
  batchSize?: number;
  intervalMs?: number;
  pushDelayMs?: number;
  requestTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** gzip upload bodies where CompressionStream exists (the server must accept Content-Encoding: gzip). */
  gzipUploads?: boolean;
  /** Fold consecutive unsent edits of a row into one mutation (default true). */
  coalesceEdits?: boolean;
  /** A server row that does not match the contracts (kept as sent). */
  onInvalidRow?: (issue: string) => void;
}

export interface SyncClient {
  readonly deviceId: string;
  readonly patients: PatientsCollection;
  readonly appointments: AppointmentsCollection;
  readonly inventory: InventoryCollection;
  readonly records: RecordsCollection;
  readonly doctors: DirectoryCollection<Doctor>;
  readonly pharmacies: DirectoryCollection<Pharmacy>;
  readonly medicines: DirectoryCollection<Medicine>;
  /** useSyncExternalStore(client.status.subscribe, client.status.getSnapshot). */
  readonly status: {
    subscribe(listener: () => void): () => void;
    getSnapshot(): SyncClientStatus;
  };
  /** Local data changed (an edit, a pulled page, a receipt): re-read what you show. */
  onDataChange(listener: (table: EntityTable | null) => void): () => void;
  /** Starts the triggers (online, foreground, timer, edits) and a first sync. */
  start(): void;
  stop(): Promise<void>;
  /** Syncs now (or once more after the running sync); resolves with the status after it. */
  syncNow(): Promise<SyncClientStatus>;
  /** The server said there is something new (the live-events stream): pull now. */
  notifyServerChange(): void;
  listConflicts(status?: LocalConflictStatus): Promise<LocalConflict[]>;
  resolve(conflictId: string, resolution: Resolution): Promise<void>;
  /** Fetches the user's open conflicts kept by the server that this device does not have. */
  importServerConflicts(): Promise<number>;
  /** Queues again the mutations of batches the server refused as a whole. */
  retryFailed(): Promise<number>;
  /**
   * A call to the API outside sync (screens that work online only, such as administration), with
   * this client's tokens and device id: a 401 renews the tokens once, under the same lock and in
   * the same single flight as sync's own renewals, and retries. Anything but a 2xx answer that
   * matches `schema` throws a HealthSyncError.
   */
  request<T>(schema: z.ZodType<T>, request: HttpRequest): Promise<ParsedResponse<T>>;
  /** Stops syncing and closes the store. */
  close(): Promise<void>;
}

async function loadOrCreateDeviceId(store: SyncStore, given: string | undefined): Promise<string> {
  return store.write(async (tx) => {
    const stored = await tx.getMeta('deviceId');
    if (stored && (!given || stored === given)) return stored;
    const id = given ?? newId();
    await tx.setMeta('deviceId', id);
    return id;
  });
}

async function countStatus(store: SyncStore) {
  return store.read(async (tx) => {
    const pendingCount = await tx.count('outbox');
    const failedCount = (await tx.getByIndex('outbox', 'state', { equals: 'failed' })).length;
    const conflicts = await tx.getAll('conflicts');
    const open = conflicts.filter((c) => c.status === 'open');
    const inflight = await tx.getMeta('inflightBatch');
    const localOnly =
      open.some((c) => c.kind === 'rejected') || conflicts.some((c) => c.serverClosePending);
    return {
      pendingCount,
      failedCount,
      openConflicts: open.length,
      safeToWipe: pendingCount === 0 && !inflight && !localOnly,
    };
  });
}

/** Opens the client on a store: local reads and writes work at once, syncing starts with start(). */
export async function createSyncClient(options: SyncClientOptions): Promise<SyncClient> {
  const store = observationHeadsStore(options.store);
  const clock = options.clock ?? systemClock;
  const signals = options.signals ?? browserSignals();
  const deviceId = await loadOrCreateDeviceId(store, options.deviceId);
  const lastSuccessfulSyncAt =
    (await store.read((tx) => tx.getMeta('lastSuccessfulSyncAt'))) ?? null;
  const status = new Observable<SyncClientStatus>({
    ...INITIAL_STATUS,
    online: signals.isOnline(),
    lastSuccessfulSyncAt,
    ...(await countStatus(store)),
  });
  const dataListeners = new Set<(table: EntityTable | null) => void>();
  let closed = false;
  const refreshCounts = async () => {
    if (closed) return;
    try {
      status.update(await countStatus(store));
    } catch (error) {
      if (!closed) throw error; // else the client was closed meanwhile: nothing left to show
    }
  };
  const changed = async (table: EntityTable | null) => {
    await refreshCounts();
    if (closed) return;
    for (const listener of [...dataListeners]) listener(table);
  };
  // The engine's notifications (after a page, after a receipt) are not awaited by the sync loop:
  // keep them, so close() waits for them instead of closing the store under them, and never let
  // one become an unhandled rejection (which ends a Node or React Native host).
  const notifications = new Set<Promise<void>>();
  const notify = (table: EntityTable | null) => {
    const done: Promise<void> = changed(table)
      .catch((error: unknown) => {
        if (!closed) status.update({ lastError: errorInfo(error, clock.now()) });
      })
      .finally(() => notifications.delete(done));
    notifications.add(done);
  };

  const http = new Http({
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    tokens: options.tokens,
    lock: options.lock ?? noLock,
    ...(options.refreshTokens ? { refresh: options.refreshTokens } : {}),
    clock,
    timeoutMs: options.requestTimeoutMs ?? 60_000,
    deviceId,
  });
  const api = new SyncApi(http, { gzipUploads: options.gzipUploads ?? false });
  const engine = new SyncEngine({
    store,
    api,
    deviceId,
    clock,
    signals,
    status,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    pageSize: options.pageSize ?? 500,
    // Never beyond the server's maximum, which answers a larger limit with a 400.
    maxPageSize: Math.min(
      Math.max(options.maxPageSize ?? 2_000, options.pageSize ?? 500),
      PAGE_SIZES.download.max,
    ),
    batchSize: options.batchSize ?? 200,
    intervalMs: options.intervalMs ?? 5 * 60_000,
    pushDelayMs: options.pushDelayMs ?? 2_000,
    lock: options.lock ?? noLock,
    ...(options.onInvalidRow ? { onInvalidRow: options.onInvalidRow } : {}),
    onDataChange: () => notify(null),
  });

  const ctx: CollectionContext = {
    store,
    now: () => clock.now(),
    coalesce: options.coalesceEdits ?? true,
    identity: options.identity ?? (() => ({ userId: null, facilityId: null })),
    async afterWrite(table) {
      engine.edited();
      await changed(table);
    },
  };

  return {
    deviceId,
    patients: patientsCollection(ctx),
    appointments: appointmentsCollection(ctx),
    inventory: inventoryCollection(ctx),
    records: recordsCollection(ctx),
    ...directoryCollections(ctx),
    status: { subscribe: status.subscribe, getSnapshot: status.getSnapshot },
    onDataChange(listener) {
      dataListeners.add(listener);
      return () => {
        dataListeners.delete(listener);
      };
    },
    start: () => engine.start(),
    stop: () => engine.stop(),
    async syncNow() {
      await engine.syncNow();
      await refreshCounts();
      return status.getSnapshot();
    },
    notifyServerChange() {
      void engine.request();
    },
    async listConflicts(filter) {
      const all = await store.read((tx) =>
        filter ? tx.getByIndex('conflicts', 'status', { equals: filter }) : tx.getAll('conflicts'),
      );
      return all.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    },
    async resolve(conflictId, resolution) {
      const resolved = await store.write((tx) =>
        resolveConflict(tx, conflictId, resolution, clock.now()),
      );
      engine.edited();
      await changed(resolved.table);
    },
    async importServerConflicts() {
      const added = await importServerConflicts(store, api, clock.now());
      await refreshCounts();
      return added;
    },
    async retryFailed() {
      const count = await store.write(requeueFailed);
      engine.edited();
      await changed(null);
      return count;
    },
    request: (schema, request) => http.call(schema, request),
    async close() {
      await engine.stop();
      await Promise.all(notifications);
      closed = true;
      await store.close();
    },
  };
}
