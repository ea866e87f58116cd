// Bundled by esbuild into the benchmark page (browser.mjs): sync-client on IndexedDB as the PWA
// opens it (apps/web/src/features/sync/sync-client-provider.tsx), with a fetch stub that answers
// GET /api/sync/download/ from page texts loaded before the clock starts.
import {
  createKeyring,
  createSyncClient,
  openIdbStore,
  manualSignals,
  memoryTokenStore,
  sealStore,
} from '@healthsync/sync-client';
import { DownloadResponse, Patient, Appointment, HealthRecord } from '@healthsync/contracts';

const sets = {}; // name → { pages: string[], index: Map<since, i> }

/** Loads a page set from the bench server (untimed). */
async function load(name) {
  const { sinces } = await (await fetch(`/pages/${name}/index.json`)).json();
  const pages = await Promise.all(
    sinces.map((_, i) => fetch(`/pages/${name}/${i}`).then((r) => r.text())),
  );
  sets[name] = { pages, index: new Map(sinces.map((s, i) => [s, i])) };
  return { pages: pages.length, bytes: pages.reduce((a, p) => a + p.length, 0) };
}

function stubFetch(set, stats) {
  return async (url) => {
    const u = new URL(url, location.href);
    stats.requests++;
    if (u.pathname !== '/api/sync/download/')
      return new Response('{"detail":"not in the bench"}', { status: 404 });
    const i = set.index.get(u.searchParams.get('since'));
    if (i === undefined) return new Response('{"detail":"unknown cursor"}', { status: 400 });
    return new Response(set.pages[i], {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}

const clients = {};
const stores = {};

// Issue 16: the PWA's store is sealed (AES-GCM rows, keyed-token index) under keys unwrapped at
// sign-in. The unwrapping (PBKDF2, 600,000 iterations) is part of signing in, not of a load: made
// once, untimed, with a low count.
let sealKeys = null;

/**
 * A fresh IndexedDB database, then one syncNow() through the stub: the timed part. `sealed`: the
 * store the PWA opens since issue 16 (sealStore over openIdbStore).
 */
async function apply(name, dbName, pageSize, sealed = false) {
  if (sealed) sealKeys ??= (await createKeyring('bench password', 1_000)).keys;
  await new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(dbName);
    r.onsuccess = resolve;
    r.onerror = () => reject(r.error);
  });
  const stats = { requests: 0, invalid: 0 };
  const t0 = performance.now();
  const plain = await openIdbStore({ name: dbName });
  const store = sealed ? sealStore(plain, sealKeys) : plain;
  // As the PWA does once the page is idle after unlocking: patients decrypted into memory (none
  // yet in a fresh database; the sync then keeps them there).
  if (sealed && store.warm) await store.warm();
  stores[dbName] = store;
  const client = await createSyncClient({
    store,
    baseUrl: '',
    tokens: memoryTokenStore({ access: 'bench', refresh: 'bench' }),
    signals: manualSignals(true),
    fetch: stubFetch(sets[name], stats),
    pageSize,
    gzipUploads: false,
    intervalMs: 24 * 3600_000,
    pushDelayMs: 24 * 3600_000,
    onInvalidRow: () => stats.invalid++,
    // As the PWA does where Web Locks exist: one lock per sync cycle (sync-client versions without
    // the `lock` option ignore it).
    ...(navigator.locks
      ? { lock: (lockName, task) => navigator.locks.request(`${dbName}:${lockName}`, task) }
      : {}),
  });
  const t1 = performance.now();
  const status = await client.syncNow();
  const t2 = performance.now();
  if (status.lastError) throw new Error(`sync-client: ${JSON.stringify(status.lastError)}`);
  clients[dbName] = client;
  const [patients, appointments, records] = await Promise.all([
    client.patients.list(),
    client.appointments.list(),
    client.records.list(),
  ]);
  return {
    openMs: t1 - t0,
    ms: t2 - t1,
    requests: stats.requests,
    invalid: stats.invalid,
    rows: { patients: patients.length, appointments: appointments.length, records: records.length },
  };
}

// The IndexedDB floor: the same pages into the same object stores and indexes (sync-client's
// TABLES: every entity store has the 7 idx.* indexes), rows kept as { id, server, idx }, one
// readwrite transaction per page with its cursor, puts not awaited one by one, no validation.
const INDEXES = {
  words: ['idx.words', true],
  patient: ['idx.patient'],
  date: ['idx.date'],
  status: ['idx.status'],
  medicine: ['idx.medicine'],
  pharmacy: ['idx.pharmacy'],
  type: ['idx.type'],
};
const STORE_OF = { Patient: 'patients', Appointment: 'appointments' };
const wordsOf = (t) => [
  ...new Set((t ?? '').toLocaleLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []),
];
const idxOf = {
  patients: (d) => ({ words: wordsOf(d.name) }),
  appointments: (d) => ({ patient: d.patient_id, date: d.appointment_date, status: d.status }),
  records: (d) => ({ patient: d.patient, type: d.resource_type }),
};
const done = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = req.oncomplete = () => resolve(req.result);
    req.onerror = req.onabort = () => reject(req.error);
  });

async function floor(name, dbName) {
  await done(indexedDB.deleteDatabase(dbName));
  const t0 = performance.now();
  const open = indexedDB.open(dbName, 1);
  open.onupgradeneeded = () => {
    for (const table of ['patients', 'appointments', 'records']) {
      const store = open.result.createObjectStore(table, { keyPath: 'id' });
      for (const [index, [keyPath, multiEntry]] of Object.entries(INDEXES))
        store.createIndex(index, keyPath, { multiEntry: Boolean(multiEntry) });
    }
    open.result.createObjectStore('meta', { keyPath: 'key' });
  };
  const db = await done(open);
  for (const text of sets[name].pages) {
    const page = JSON.parse(text);
    const tx = db.transaction(['patients', 'appointments', 'records', 'meta'], 'readwrite');
    for (const c of page.changes) {
      const table = STORE_OF[c.resource_type] ?? 'records';
      tx.objectStore(table).put({
        id: c.server_id,
        server: c.data,
        serverVersion: c.server_version,
        idx: idxOf[table](c.data),
      });
    }
    tx.objectStore('meta').put({
      key: 'cursor',
      value: page.has_more ? page.next_cursor : page.server_time,
    });
    await done(tx);
  }
  const ms = performance.now() - t0;
  db.close();
  await done(indexedDB.deleteDatabase(dbName));
  return { ms };
}

/** What sync-client's validation alone costs: JSON.parse + the contracts' zod parse of each page and row. */
async function parseOnly(name) {
  const schema = { Patient, Appointment };
  const t0 = performance.now();
  for (const text of sets[name].pages) {
    const page = DownloadResponse.parse(JSON.parse(text));
    for (const c of page.changes) (schema[c.resource_type] ?? HealthRecord).safeParse(c.data);
  }
  return { ms: performance.now() - t0 };
}

// The patients screen's search (apps/web/src/features/patients/use-patient-search.ts).
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const digitsOf = (text) => text.replace(/\D/g, '');
async function searchPatients(client, text) {
  const query = text.trim();
  const digits = digitsOf(query);
  let rows;
  if (digits.length >= 3 && digits.length === query.replace(/[\s+-]/g, '').length) {
    rows = await client.patients.searchPhone(digits);
  } else {
    rows = await client.patients.search(query);
  }
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** Times each query `repeat` times; returns [{ query, ms: [...], hits }]. */
async function search(dbName, queries, repeat) {
  const client = clients[dbName];
  const out = [];
  for (const query of queries) {
    const ms = [];
    let hits = 0;
    for (let r = 0; r < repeat; r++) {
      const t = performance.now();
      hits = (await searchPatients(client, query)).length;
      ms.push(performance.now() - t);
    }
    out.push({ query, ms, hits });
  }
  return out;
}

/** What unlocking costs the sealed store: every patient decrypted into memory again. */
async function rewarm(dbName) {
  const store = stores[dbName];
  if (!store.forgetDecrypted) return null; // a sync-client before the in-memory patients
  store.forgetDecrypted();
  const t = performance.now();
  await store.warm();
  return { ms: performance.now() - t };
}

async function close(dbName) {
  delete stores[dbName];
  await clients[dbName]?.close();
  delete clients[dbName];
  await new Promise((resolve) => {
    const r = indexedDB.deleteDatabase(dbName);
    r.onsuccess = r.onerror = r.onblocked = resolve;
  });
}

window.bench = {
  load,
  apply,
  floor,
  parseOnly,
  search,
  rewarm,
  close,
  drop: (name) => delete sets[name],
};
