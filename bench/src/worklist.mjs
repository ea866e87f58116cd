// The work list's "abnormal vitals" read at scale (issue 19): before = every stored Observation
// (records' type index) through selectAbnormalVitals, after = `observationHeads`. Node, sync-client's
// memory store, plain and sealed (AES-GCM through Node's WebCrypto); the records arrive as a first
// sync through a fetch stub serving download pages (wire-pages.mjs), so the heads are kept the way
// a phone keeps it. `pnpm --filter @healthsync/bench worklist [--scale=0.1] [--rounds=5] [--stores=sealed]`.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  createKeyring,
  createSyncClient,
  manualSignals,
  memoryTokenStore,
  openMemoryStore,
  sealStore,
} from '@healthsync/sync-client';
import { doctorReviewExtension } from '@healthsync/contracts';
import { selectAbnormalVitals } from '../../apps/web/src/features/worklist/select-work.ts';
import {
  bloodPressureObservation,
  quantityObservation,
} from '../../apps/web/src/features/vitals/build-observation.ts';
import { QUANTITY_VITALS } from '../../apps/web/src/features/vitals/vital-signs.ts';
import { wirePages } from './browser/wire-pages.mjs';
import { mulberry32 } from './dataset.mjs';
import { fmtMs, median } from './stats.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, '').split('='))
    .map(([k, v]) => [k, v ?? '1']),
);
const SCALE = Number(args.scale ?? 1);
const ROUNDS = Number(args.rounds ?? 5);
const PATIENTS = Math.round(5_000 * SCALE);
const PER_PATIENT = 20; // 5 vitals × 4 readings
const PAGE = 1_000;
const log = (...a) => console.error(`[worklist ${new Date().toISOString().slice(11, 19)}]`, ...a);

const uuid = (n, kind) => `0190${kind}000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/** 5 readings a visit (blood pressure, pulse, temperature, SpO2, weight), 4 visits a patient. */
function dataset() {
  const random = mulberry32(19);
  const vital = (kind) => QUANTITY_VITALS.find((v) => v.kind === kind);
  const pick = (normal, high) => (random() < 0.15 ? high : normal);
  const review = doctorReviewExtension({ doctorId: uuid(1, 'd'), at: '2026-12-01T09:00:00Z' });
  const rows = [];
  let n = 0;
  for (let p = 0; p < PATIENTS; p++) {
    const patient = uuid(p, 'a');
    for (let visit = 0; visit < PER_PATIENT / 5; visit++) {
      const at = new Date(
        Date.parse('2026-01-01T08:00:00Z') + (visit * 30 + (p % 30)) * 86_400_000,
      );
      const readings = [
        bloodPressureObservation(pick(122, 168), pick(78, 104), patient, at),
        quantityObservation(vital('pulse'), pick(76, 128), patient, at),
        quantityObservation(vital('temperature'), pick(36.8, 39.2), patient, at),
        quantityObservation(vital('spo2'), pick(97, 89), patient, at),
        quantityObservation(vital('weight'), 50 + Math.round(random() * 30), patient, at),
      ];
      for (const data of readings) {
        // A third of the readings a doctor has seen.
        const reviewed = random() < 0.33 ? { extension: [review] } : {};
        rows.push([
          'Observation',
          {
            id: uuid(++n, 'b'),
            patient,
            resource_type: 'Observation',
            data: { ...data, ...reviewed },
            facility_id: uuid(1, 'f'),
          },
        ]);
      }
    }
  }
  // The feed's order: by server stamp, so a patient's readings arrive spread over the pages.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return rows;
}

function stubFetch({ pages, sinces }) {
  const index = new Map(sinces.map((s, i) => [s, i]));
  return async (url) => {
    const i = index.get(new URL(url, 'http://bench.invalid').searchParams.get('since'));
    if (i === undefined) return new Response('{"detail":"unknown cursor"}', { status: 400 });
    return new Response(pages[i], { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

async function openClient(set, sealed, keys) {
  const inner = await openMemoryStore();
  const store = sealed ? sealStore(inner, keys) : inner;
  return createSyncClient({
    store,
    baseUrl: 'http://bench.invalid',
    tokens: memoryTokenStore({ access: 'bench', refresh: 'bench' }),
    signals: manualSignals(true),
    fetch: stubFetch(set),
    pageSize: PAGE,
    maxPageSize: PAGE,
    intervalMs: 24 * 3600_000,
    pushDelayMs: 24 * 3600_000,
  });
}

async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const ids = (items) =>
  items
    .map(
      (i) =>
        `${i.patientId}:${i.readings
          .map((r) => r.record.id)
          .sort()
          .join(',')}`,
    )
    .sort()
    .join('\n');

async function variant(set, sealed, keys) {
  const name = sealed ? 'sealed' : 'plain';
  // The heads kept from the first page on (a store made by this version reads them before syncing).
  const kept = await openClient(set, sealed, keys);
  await kept.records.latestObservations();
  const syncKept = await timed(() => kept.syncNow());
  log(name, 'first sync, heads kept', fmtMs(syncKept.ms));
  // Not kept during the sync (a store upgraded from v3, or never read): marked whole at the first read.
  const upgraded = await openClient(set, sealed, keys);
  const syncPlain = await timed(() => upgraded.syncNow());
  log(name, 'first sync, heads not kept', fmtMs(syncPlain.ms));
  const rebuild = await timed(() => upgraded.records.latestObservations());
  log(name, 'first read after upgrade (fills the table)', fmtMs(rebuild.ms));
  await upgraded.close();

  const before = [];
  const after = [];
  let counts;
  for (let r = 0; r < ROUNDS; r++) {
    const b = await timed(async () => {
      const all = await kept.records.byType('Observation');
      return { rows: all.length, items: selectAbnormalVitals(all) };
    });
    const a = await timed(async () => {
      const latest = await kept.records.latestObservations();
      return { rows: latest.length, items: selectAbnormalVitals(latest) };
    });
    if (ids(a.value.items) !== ids(b.value.items)) throw new Error('before and after disagree');
    before.push(b.ms);
    after.push(a.ms);
    counts = { all: b.value.rows, latest: a.value.rows, patients: a.value.items.length };
  }
  log(name, 'before', fmtMs(median(before)), 'after', fmtMs(median(after)), counts);
  await kept.close();
  return {
    name,
    syncKept: syncKept.ms,
    syncPlain: syncPlain.ms,
    rebuild: rebuild.ms,
    before,
    after,
    counts,
  };
}

const rows = dataset();
const set = wirePages(rows, PAGE);
log(`${rows.length} Observations of ${PATIENTS} patients, ${set.pages.length} pages`);
const keys = (await createKeyring('bench password', 1_000)).keys;
const results = [];
const STORES = (args.stores ?? 'plain,sealed').split(',');
for (const sealed of [false, true])
  if (STORES.includes(sealed ? 'sealed' : 'plain')) results.push(await variant(set, sealed, keys));

const range = (xs) => `${fmtMs(median(xs))} (${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))})`;
let md = `Node ${process.version}, ${os.cpus()[0]?.model} × ${os.cpus().length}, load average ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(
    ' ',
  )}; ${rows.length} Observations, ${PATIENTS} patients; ${ROUNDS} rounds, median (min–max)\n\n`;
md +=
  '| store | read: every Observation (before) | read: observationHeads (after) | rows read before / after | patients listed | first sync: heads kept / not kept | first read after upgrade |\n';
md += '|---|---|---|---|---|---|---|\n';
for (const r of results)
  md += `| ${r.name} | ${range(r.before)} | ${range(r.after)} | ${r.counts.all} / ${r.counts.latest} | ${r.counts.patients} | ${fmtMs(r.syncKept)} / ${fmtMs(r.syncPlain)} | ${fmtMs(r.rebuild)} |\n`;
console.log(md);
