// `pnpm bench [--quick] [--only=W1,W2,…,W5,browser] [--rounds=N] [--keep-db] [--out=NAME]`
// Builds nothing itself except what it needs to be fair: run `pnpm --filter @healthsync/api build`
// first (the root script does). Everything runs on 127.0.0.1 (W5 in its own network namespace).
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { generateDataset, datasetCounts, FACILITY_A } from './dataset.mjs';
import { recreateDatabase, dropDatabase, dbUrl, loadDataset } from './pg-load.mjs';
import { startApi, freePort, signIn, startProcess, httpOk, BENCH_DIR, ROOT } from './procs.mjs';
import { oursFirstSync, rawFirstSync, openOurs, ourSync, RawClient } from './clients.mjs';
import { startPouchServer, pouchFirstSync } from './peers/pouch.mjs';
import { startRxServer, rxFirstSync } from './peers/rxdb.mjs';
import { startProxy } from './proxy.mjs';
import { summary, fmtSummary, fmtMs, fmtBytes, median } from './stats.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const QUICK = Boolean(args.quick);
const SCALE = Number(args.scale ?? (QUICK ? 0.25 : 1));
const ROUNDS = Number(args.rounds ?? (QUICK ? 2 : 3));
const ONLY = args.only ? new Set(String(args.only).split(',')) : null;
const want = (w) => !ONLY || ONLY.has(w);
const PAGE = Number(args.page ?? 500);
// The browser workloads need neither PostgreSQL nor a server: `--only=browser` skips the setup.
const NEEDS_SERVERS = !ONLY || [...ONLY].some((w) => w !== 'browser');

if (NEEDS_SERVERS && !existsSync(path.join(ROOT, 'apps/api/dist/server.js'))) {
  console.error(
    'apps/api/dist/server.js is missing: run `pnpm --filter @healthsync/api build` (pnpm bench does).',
  );
  process.exit(1);
}

const results = {
  machine: machine(),
  config: { quick: QUICK, scale: SCALE, rounds: ROUNDS, pageSize: PAGE },
  workloads: {},
};
const rows = []; // table rows: [workload, system, result, ratio/target]
const log = (...a) => console.error('[bench]', ...a);

function machine() {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? '?'} × ${cpus.length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    date: new Date().toISOString(),
  };
}

/** Bounds a step: a peer's replication that never settles must not hang the bench. */
async function withTimeout(what, ms, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs each system once per round, rotating which goes first (A B C D, B C D A, …). */
async function interleave(systems, rounds) {
  const out = Object.fromEntries(systems.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < systems.length; i++) {
      const [name, fn] = systems[(i + r) % systems.length];
      const res = await withTimeout(name, 300_000, fn(r));
      out[name].push(res);
      log(`  round ${r + 1}/${rounds} ${name}: ${fmtMs(res.ms)}`);
    }
  }
  return out;
}

// ── setup ───────────────────────────────────────────────────────────────────────────────────────
log('machine', results.machine);
const t0 = performance.now();
const stopAll = [];
let apiPort, rawPort, API, RAW, tokens, sql, ds;
if (NEEDS_SERVERS) {
  ds = generateDataset({ scale: SCALE });
  log('dataset', datasetCounts(ds));
  await recreateDatabase();
  [apiPort, rawPort] = [await freePort(), await freePort()];
  const api = await startApi({ databaseUrl: dbUrl(), port: apiPort });
  stopAll.push(api.stop);
  API = `http://127.0.0.1:${apiPort}`;
  const loadMs = await loadDataset(dbUrl(), ds);
  log(`loaded into PostgreSQL in ${fmtMs(loadMs)}`);
  results.load = { ms: loadMs, counts: datasetCounts(ds) };
  const raw = await startProcess(
    'raw',
    process.execPath,
    ['src/raw-server.mjs', String(rawPort), dbUrl(), FACILITY_A],
    {
      cwd: BENCH_DIR,
      ready: httpOk(`http://127.0.0.1:${rawPort}/healthz`),
    },
  );
  stopAll.push(raw.stop);
  RAW = `http://127.0.0.1:${rawPort}`;
  tokens = await signIn(API, 'worker');
  sql = new pg.Pool({ connectionString: dbUrl(), max: 4 });
}

/** Server-side edits of n patients (then appointments), in 1,000-row transactions, via triggers. */
async function serverEdits(n, tag) {
  let left = n;
  for (const table of ['patient', 'appointment']) {
    while (left > 0) {
      const k = Math.min(1000, left);
      const col = table === 'patient' ? 'address' : 'symptoms';
      const { rowCount } = await sql.query(
        `UPDATE ${table} SET ${col} = ${col} || ' ·' WHERE id IN (SELECT id FROM ${table} WHERE facility_id = $1 ORDER BY random() LIMIT $2)`,
        [FACILITY_A, k],
      );
      left -= rowCount;
      if (rowCount < k) break;
    }
  }
  if (left > 0) throw new Error(`serverEdits ${tag}: ${left} left`);
}

try {
  // ── W1 ─────────────────────────────────────────────────────────────────────────────────────────
  if (want('W1')) {
    log('W1 first sync of everything');
    const pouchPort = await freePort();
    const rxPort = await freePort();
    const [pouch, rx] = await Promise.all([
      startPouchServer(pouchPort, ds),
      startRxServer(rxPort, SCALE),
    ]);
    stopAll.push(pouch.stop, rx.stop);
    const res = await interleave(
      [
        ['ours', () => oursFirstSync(API, tokens, { pageSize: PAGE })],
        ['raw', () => rawFirstSync(RAW, { pageSize: PAGE })],
        ['pouchdb', () => pouchFirstSync(pouch.url, { batchSize: PAGE })],
        ['rxdb', () => rxFirstSync(rx.url, { batchSize: PAGE })],
      ],
      ROUNDS,
    );
    // bytes and requests: one more untimed run of each through the counting proxy
    const wire = {};
    for (const [name, target, run] of [
      ['ours', apiPort, (p) => oursFirstSync(`http://127.0.0.1:${p}`, tokens, { pageSize: PAGE })],
      ['raw', rawPort, (p) => rawFirstSync(`http://127.0.0.1:${p}`, { pageSize: PAGE })],
      [
        'pouchdb',
        pouchPort,
        (p) => pouchFirstSync(pouch.url.replace(String(pouchPort), String(p)), { batchSize: PAGE }),
      ],
      [
        'rxdb',
        rxPort,
        (p) => rxFirstSync(rx.url.replace(String(rxPort), String(p)), { batchSize: PAGE }),
      ],
    ]) {
      const proxy = await startProxy({ target: { port: target } });
      try {
        await withTimeout(`${name} through the counting proxy`, 120_000, run(proxy.port));
        wire[name] = { ...proxy.stats };
      } catch (error) {
        log(String(error));
        wire[name] = { requests: NaN, down: NaN, error: String(error) };
      }
      await proxy.close();
    }
    const s = Object.fromEntries(
      Object.entries(res).map(([k, v]) => [k, summary(v.map((x) => x.ms))]),
    );
    const rawMed = s.raw.median;
    const targets = {
      ours: '≤ 1.5× raw',
      raw: 'floor',
      pouchdb: 'ours ≥ 7× faster',
      rxdb: 'ours ≥ 2× faster',
    };
    for (const k of Object.keys(s)) {
      const ratio = s[k].median / rawMed;
      const vsOurs = s[k].median / s.ours.median;
      rows.push([
        'W1 first sync',
        k,
        `${fmtSummary(s[k])}; ${wire[k].requests} req, ${fmtBytes(wire[k].down)} down`,
        k === 'ours'
          ? `${ratio.toFixed(2)}× raw (target ≤ 1.5×) ${ratio <= 1.5 ? 'HOLDS' : 'MISSES'}`
          : k === 'raw'
            ? 'floor'
            : `ours is ${vsOurs.toFixed(2)}× faster (target ≥ ${k === 'pouchdb' ? 7 : 2}×) ${vsOurs >= (k === 'pouchdb' ? 7 : 2) ? 'HOLDS' : 'MISSES'}`,
      ]);
    }
    results.workloads.W1 = { summary: s, wire, runs: res, targets };
    await Promise.all([pouch.stop(), rx.stop()]);
  }

  // ── W2 ─────────────────────────────────────────────────────────────────────────────────────────
  if (want('W2')) {
    log('W2 incremental pull');
    const ours = await openOurs(API, tokens, { pageSize: PAGE });
    await ourSync(ours);
    const rawClient = new RawClient(RAW, { pageSize: PAGE });
    await rawClient.pull();
    results.workloads.W2 = {};
    for (const n of [500, QUICK ? 2000 : 5000]) {
      const runs = { ours: [], raw: [] };
      for (let r = 0; r < ROUNDS; r++) {
        await serverEdits(n, `W2-${n}`);
        const order = r % 2 ? ['raw', 'ours'] : ['ours', 'raw'];
        for (const who of order) {
          const res = who === 'ours' ? await ourSync(ours) : await rawClient.pull();
          runs[who].push(res.ms);
          log(`  ${n} changes round ${r + 1} ${who}: ${fmtMs(res.ms)}`);
        }
      }
      const s = { ours: summary(runs.ours), raw: summary(runs.raw) };
      const ratio = s.ours.median / s.raw.median;
      rows.push([
        `W2 pull after ${n} changes`,
        'ours',
        fmtSummary(s.ours),
        `${ratio.toFixed(2)}× raw (target ≤ 2×) ${ratio <= 2 ? 'HOLDS' : 'MISSES'}`,
      ]);
      rows.push([`W2 pull after ${n} changes`, 'raw', fmtSummary(s.raw), 'floor']);
      results.workloads.W2[n] = s;
    }
    // W6 on the same, fully synced client: one more sync with nothing changed, through the proxy.
    if (want('W6')) {
      log('W6 sync when nothing changed');
      const proxy = await startProxy({ target: { port: apiPort } });
      const viaProxy = await openOurs(`http://127.0.0.1:${proxy.port}`, tokens, { pageSize: PAGE });
      await ourSync(viaProxy); // first sync, then two no-change syncs (the second can use the ETag)
      const measured = [];
      for (let i = 0; i < 2; i++) {
        proxy.reset();
        const res = await ourSync(viaProxy);
        measured.push({
          ms: res.ms,
          requests: proxy.stats.requests,
          up: proxy.stats.up,
          down: proxy.stats.down,
        });
      }
      // What If-None-Match alone costs: the same GET twice, the second conditional.
      const cursor = (
        await (
          await fetch(`${API}/api/sync/download/?since=1970-01-01T00:00:00Z&limit=1`, {
            headers: { authorization: `Bearer ${tokens.access}` },
          })
        ).json()
      ).server_time;
      const q = `http://127.0.0.1:${proxy.port}/api/sync/download/?since=${encodeURIComponent(cursor)}&limit=${PAGE}`;
      const first = await fetch(q, { headers: { authorization: `Bearer ${tokens.access}` } });
      await first.arrayBuffer();
      proxy.reset();
      const cond = await fetch(q, {
        headers: {
          authorization: `Bearer ${tokens.access}`,
          'if-none-match': first.headers.get('etag') ?? '',
        },
      });
      await cond.arrayBuffer();
      const conditional = { status: cond.status, up: proxy.stats.up, down: proxy.stats.down };
      await viaProxy.client.close();
      await proxy.close();
      const last = measured.at(-1);
      const total = last.up + last.down;
      rows.push([
        'W6 no-change sync',
        'ours (sync-client)',
        `${last.requests} req, ${fmtBytes(last.up)} up + ${fmtBytes(last.down)} down, ${fmtMs(last.ms)}`,
        `target 1 request < 1 KB: ${last.requests === 1 && total < 1024 ? 'HOLDS' : 'MISSES'}`,
      ]);
      rows.push([
        'W6 no-change sync',
        'ours (If-None-Match GET)',
        `HTTP ${conditional.status}, ${fmtBytes(conditional.up)} up + ${fmtBytes(conditional.down)} down`,
        '',
      ]);
      results.workloads.W6 = { syncClient: measured, conditional };
    }
    await ours.client.close();
  }

  // ── W3 ─────────────────────────────────────────────────────────────────────────────────────────
  if (want('W3')) {
    log('W3 push 500 edits');
    results.workloads.W3 = {};
    const N = 500;
    const headers = {
      authorization: `Bearer ${tokens.access}`,
      'content-type': 'application/json',
      'x-device-id': 'bench-w3',
    };
    for (const conflictShare of [0, 0.1]) {
      const runs = { ours: [], raw: [] };
      const outcome = { ours: null, raw: null };
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 ? ['raw', 'ours'] : ['ours', 'raw'];
        for (const who of order) {
          // fresh patients each time, their current versions, then make some of them stale
          const { rows: picked } = await sql.query(
            'SELECT id::text, server_version FROM patient WHERE facility_id = $1 ORDER BY random() LIMIT $2',
            [FACILITY_A, N],
          );
          const stale = picked.slice(0, Math.round(N * conflictShare)).map((p) => p.id);
          if (stale.length)
            await sql.query(`UPDATE patient SET name = name WHERE id = ANY($1::uuid[])`, [stale]);
          const edits = picked.map((p, i) => ({
            id: p.id,
            base_version: p.server_version,
            address: `Edited ${r}-${i}, Ward 3, Sangli`,
            phone_number: `+91-97${String(i).padStart(8, '0')}`,
          }));
          let ms;
          if (who === 'ours') {
            const body = JSON.stringify({
              device_id: 'bench-w3',
              batch_id: randomUUID(),
              changes: edits.map((e) => ({
                operation: 'update',
                resource_type: 'Patient',
                server_id: e.id,
                base_version: e.base_version,
                client_change_id: randomUUID(),
                payload: { address: e.address, phone_number: e.phone_number },
              })),
            });
            const t = performance.now();
            const res = await fetch(`${API}/api/sync/upload/`, { method: 'POST', headers, body });
            const receipt = await res.json();
            ms = performance.now() - t;
            if (res.status !== 200)
              throw new Error(`upload ${res.status}: ${JSON.stringify(receipt).slice(0, 300)}`);
            outcome.ours = {
              conflicts: receipt.conflicts.length,
              updated: receipt.results.filter((x) => x.status === 'updated').length,
            };
          } else {
            const t = performance.now();
            const res = await fetch(`${RAW}/raw/patients`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ changes: edits }),
            });
            const receipt = await res.json();
            ms = performance.now() - t;
            outcome.raw = {
              conflicts: receipt.conflicts,
              updated: receipt.results.filter((x) => x.status === 'updated').length,
            };
          }
          runs[who].push(ms);
          log(
            `  ${conflictShare * 100}% conflicts round ${r + 1} ${who}: ${fmtMs(ms)} ${JSON.stringify(outcome[who])}`,
          );
        }
      }
      const s = { ours: summary(runs.ours), raw: summary(runs.raw) };
      const ratio = s.ours.median / s.raw.median;
      const label = `W3 push ${N} edits, ${conflictShare * 100}% conflicting`;
      rows.push([
        label,
        'ours',
        `${fmtSummary(s.ours)}; ${outcome.ours.updated} updated, ${outcome.ours.conflicts} conflicts`,
        `${ratio.toFixed(2)}× raw (target ≤ 5×) ${ratio <= 5 ? 'HOLDS' : 'MISSES'}`,
      ]);
      rows.push([
        label,
        'raw',
        `${fmtSummary(s.raw)}; ${outcome.raw.updated} updated, ${outcome.raw.conflicts} conflicts`,
        'floor',
      ]);
      results.workloads.W3[conflictShare] = { ...s, outcome };
    }
  }

  // ── W4 ─────────────────────────────────────────────────────────────────────────────────────────
  if (want('W4')) {
    const { runW4 } = await import('./w4.mjs');
    log('W4 64 concurrent devices');
    const r = await runW4({ api: API, raw: RAW, tokens, quick: QUICK, sql, log });
    results.workloads.W4 = r;
    for (const [who, x] of Object.entries(r)) {
      rows.push([
        'W4 64 devices pull+push',
        who,
        `${x.rps.toFixed(0)} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, ${x.errors} errors, ${x.non2xx} non-2xx (${x.requests} req)`,
        who === 'ours'
          ? `target p99 < 500 ms, 0 errors: ${x.p99 < 500 && x.errors + x.non2xx === 0 ? 'HOLDS' : 'MISSES'}`
          : 'floor',
      ]);
    }
  }

  // ── W5 ─────────────────────────────────────────────────────────────────────────────────────────
  if (want('W5')) {
    const { runW5 } = await import('./w5.mjs');
    log('W5 first sync over a 2G link (256 kbit/s, 600 ms RTT)');
    const r = await runW5({ apiPort, dbUrl: dbUrl(), scale: SCALE, pageSize: PAGE, log });
    results.workloads.W5 = r;
    const label = `W5 first sync over 2G, ${r.patients} patients (${r.shaping === 'proxy-token-bucket' ? 'FALLBACK: rate shaped in the proxy, tc unavailable' : r.shaping === 'tc-htb-netns' ? 'tc: 256 kbit/s each way, netns' : 'tc tbf: 256 kbit/s shared by both ways, netns'} + 600 ms RTT proxy)`;
    const wire = (x) =>
      `${x.wire.requests} req, ${fmtBytes(x.wire.down)} down + ${fmtBytes(x.wire.up)} up, ${x.rows} rows`;
    rows.push([
      label,
      'ours (sync-client, memory)',
      `${fmtMs(r.ours.ms)}; ${wire(r.ours)}`,
      `${r.ratio.toFixed(2)}× brotli floor (target ≤ 1.2×) ${r.ratio <= 1.2 ? 'HOLDS' : 'MISSES'}`,
    ]);
    rows.push([
      label,
      'raw, same link',
      `${fmtMs(r.raw.ms)}; ${wire(r.raw)}`,
      `${(r.raw.ms / r.floor.ms).toFixed(2)}× brotli floor`,
    ]);
    rows.push([
      label,
      'brotli floor (computed)',
      `${fmtMs(r.floor.ms)} = ${fmtBytes(r.floor.br11)} (raw pages, br q11; ${r.floor.rows} rows, ${r.floor.pages} pages) ÷ 32 kB/s + 1 RTT`,
      'floor',
    ]);
  }

  // ── browser ────────────────────────────────────────────────────────────────────────────────────
  if (want('browser')) {
    const { runBrowser } = await import('./browser/browser.mjs');
    log('browser: sync-client on IndexedDB in headless Chromium');
    const r = await runBrowser({ scale: SCALE, pageSize: PAGE, log });
    results.workloads.browser = r;
    const a = r.apply;
    const limit = 20_000 * SCALE; // 20 s for 100,000 records, scaled with --quick/--scale
    rows.push([
      `Browser: ${a.records} records into IndexedDB (Chromium ${r.chromium})`,
      'ours (sync-client, openIdbStore)',
      `${fmtMs(a.ms)}; ${a.requests} pages via a fetch stub; ${a.invalid} invalid rows`,
      `target < ${fmtMs(limit)}${SCALE === 1 ? '' : ' (20 s scaled)'} ${a.ms < limit ? 'HOLDS' : 'MISSES'}`,
    ]);
    rows.push([
      `Browser: ${a.records} records into IndexedDB (Chromium ${r.chromium})`,
      'IndexedDB floor (same stores and indexes, one tx per page)',
      fmtMs(a.floorMs),
      `ours ${(a.ms / a.floorMs).toFixed(2)}× floor; JSON.parse + zod alone ${fmtMs(a.parseMs)}`,
    ]);
    const q = r.search;
    rows.push([
      `Browser: patient search over ${q.patients}`,
      'ours (patients screen: patients.search + sort)',
      `median ${fmtMs(q.median)}, max ${fmtMs(q.max)} (${q.perQuery.length} name queries × ${q.repeat})`,
      `target < 50 ms ${q.median < 50 ? 'HOLDS' : 'MISSES'}`,
    ]);
    rows.push([
      `Browser: patient search over ${q.patients}`,
      'ours, phone digits / empty query (list all)',
      `${fmtMs(q.phone.median)} (${q.phone.hits} hits) / ${fmtMs(q.all.median)} (${q.all.hits} rows)`,
      '',
    ]);
    // Issue 16: the same workloads on the sealed store the PWA opens (AES-GCM, keyed tokens).
    const sa = r.sealed.apply;
    rows.push([
      `Browser: ${a.records} records into IndexedDB (Chromium ${r.chromium})`,
      'ours, encrypted (sealStore over openIdbStore)',
      `${fmtMs(sa.ms)}; ${sa.invalid} invalid rows`,
      `${(sa.ms / a.ms).toFixed(2)}× unencrypted (target ≤ 1.3×) ${sa.ms <= 1.3 * a.ms ? 'HOLDS' : 'MISSES'}; ${(sa.ms / a.floorMs).toFixed(2)}× floor`,
    ]);
    const sq = r.sealed.search;
    rows.push([
      `Browser: patient search over ${q.patients}`,
      'ours, encrypted (name / phone digits / list all)',
      `median ${fmtMs(sq.median)}, max ${fmtMs(sq.max)} / ${fmtMs(sq.phone.median)} (${sq.phone.hits} hits) / ${fmtMs(sq.all.median)} (${sq.all.hits} rows)`,
      `target < 50 ms ${sq.median < 50 ? 'HOLDS' : 'MISSES'}`,
    ]);
  }
} finally {
  await sql?.end().catch(() => {});
  await Promise.all(stopAll.map((s) => s().catch(() => {})));
  if (NEEDS_SERVERS && !args['keep-db']) await dropDatabase().catch(() => {});
}

// ── report ──────────────────────────────────────────────────────────────────────────────────────
const m = results.machine;
let md = `Machine: ${m.cpu}, ${m.memory}, ${m.os}, Node ${m.node}, load average at start ${m.load}; ${m.date}\n`;
if (results.load)
  md += `Dataset: ${Object.entries(results.load.counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(
      ', ',
    )} (scale ${SCALE}); page size ${PAGE}; ${ROUNDS} interleaved rounds; medians (min–max)\n\n`;
else md += `Scale ${SCALE}; page size ${PAGE}\n\n`;
md += '| workload | system | result | vs target |\n|---|---|---|---|\n';
for (const r of rows) md += `| ${r.join(' | ')} |\n`;
md += `\nTotal bench time ${fmtMs(performance.now() - t0)}.\n`;
console.log(md);
const dir = path.join(BENCH_DIR, 'results');
mkdirSync(dir, { recursive: true });
const name = args.out ?? (QUICK ? 'latest-quick' : 'latest'); // --out=NAME: results/NAME.{md,json}
writeFileSync(path.join(dir, `${name}.md`), md);
writeFileSync(
  path.join(dir, `${name}.json`),
  JSON.stringify(results, (k, v) => (typeof v === 'bigint' ? String(v) : v), 2),
);
process.exit(0);
