// The clients each workload drives: ours (@healthsync/sync-client, memory store) and the raw
// floor's minimal client (fetch pages, JSON.parse, keep rows in a Map).
import {
  createSyncClient,
  manualSignals,
  memoryTokenStore,
  openMemoryStore,
  ENTITY_TABLES,
} from '@healthsync/sync-client';

/** fetch that counts requests (and response bytes as decoded, for reference). */
export function countingFetch() {
  const stats = { requests: 0 };
  const f = async (url, init) => {
    stats.requests++;
    return fetch(url, init);
  };
  return { fetch: f, stats };
}

export async function openOurs(base, tokens, { pageSize = 500, deviceId } = {}) {
  const counter = countingFetch();
  const client = await createSyncClient({
    store: await openMemoryStore(),
    baseUrl: base,
    tokens: memoryTokenStore(tokens),
    signals: manualSignals(true),
    fetch: counter.fetch,
    pageSize,
    intervalMs: 24 * 3600_000,
    pushDelayMs: 24 * 3600_000,
    ...(deviceId ? { deviceId } : {}),
  });
  return { client, stats: counter.stats };
}

export async function ourSync(ours) {
  const before = ours.stats.requests;
  const t0 = performance.now();
  const status = await ours.client.syncNow();
  const ms = performance.now() - t0;
  if (status.lastError) throw new Error(`sync-client: ${JSON.stringify(status.lastError)}`);
  return { ms, requests: ours.stats.requests - before };
}

/** W1 through @healthsync/sync-client: a fresh memory store, one syncNow(). */
export async function oursFirstSync(base, tokens, opts = {}) {
  const ours = await openOurs(base, tokens, opts);
  const r = await ourSync(ours);
  const rows = (await ours.client.patients.list()).length;
  await ours.client.close();
  return { ...r, patients: rows };
}

/** The raw floor's client. */
export class RawClient {
  constructor(base, { pageSize = 500 } = {}) {
    this.base = base;
    this.pageSize = pageSize;
    this.cursor = '0';
    this.rows = new Map();
    this.requests = 0;
  }

  async pull() {
    const t0 = performance.now();
    let pulled = 0;
    for (let guard = 0; guard < 100_000; guard++) {
      this.requests++;
      const r = await fetch(`${this.base}/raw/changes?since=${this.cursor}&limit=${this.pageSize}`);
      if (!r.ok) throw new Error(`raw: ${r.status} ${await r.text()}`);
      const page = JSON.parse(await r.text());
      for (const c of page.changes) {
        const key = `${c.resource_type}:${c.data.id}`;
        const held = this.rows.get(key);
        if (!held || held.server_version <= c.data.server_version) this.rows.set(key, c.data);
      }
      pulled += page.changes.length;
      this.cursor = page.next_cursor;
      if (!page.has_more) break;
    }
    return { ms: performance.now() - t0, pulled };
  }
}

export async function rawFirstSync(base, opts = {}) {
  const c = new RawClient(base, opts);
  const r = await c.pull();
  return { ...r, requests: c.requests, rows: c.rows.size };
}
