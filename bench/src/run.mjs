// `pnpm bench [--quick] [--only=W1,W2,…,W8,browser] [--rounds=N] [--keep-db] [--out=NAME]
// [--w7-size=10x500]`
// Builds nothing itself except what it needs to be fair: run `pnpm --filter @healthsync/api build`
// first (the root script does). Everything runs on 127.0.0.1 (W5 in its own network namespace).
import os from 'node:os';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { generateDataset, datasetCounts, FACILITY_A } from './dataset.mjs';
import { recreateDatabase, dropDatabase, dbUrl, loadDataset } from './pg-load.mjs';
import { startApi, freePort, signIn, startProcess, httpOk, BENCH_DIR, ROOT } from './procs.mjs';
import { fmtMs } from './stats.mjs';
import { targetsTable } from './targets.mjs';

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
// The browser workloads need neither PostgreSQL nor a server, and W7 makes its own database and
// servers: `--only=browser,W7` skips the shared setup.
const NEEDS_SERVERS = !ONLY || [...ONLY].some((w) => w !== 'browser' && w !== 'W7');

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

/**
 * The workloads, in the order they run, each in its own file. `load` gives its run function and,
 * for those that return bare results, the function making its rows of the table; `when` keeps W6
 * on W2's fully synced server, as it always ran.
 */
const WORKLOADS = [
  {
    name: 'W1',
    title: 'W1 first sync of everything',
    load: () => import('./w1.mjs').then((m) => [m.runW1]),
  },
  {
    name: 'W2',
    title: 'W2 incremental pull',
    load: () => import('./w2.mjs').then((m) => [m.runW2]),
  },
  {
    name: 'W6',
    when: () => want('W2') && want('W6'),
    title: 'W6 sync when nothing changed',
    load: () => import('./w6.mjs').then((m) => [m.runW6]),
  },
  { name: 'W3', title: 'W3 push 500 edits', load: () => import('./w3.mjs').then((m) => [m.runW3]) },
  {
    name: 'W4',
    title: 'W4 64 concurrent devices',
    load: () => import('./w4.mjs').then((m) => [m.runW4, m.rowsOfW4]),
  },
  {
    name: 'W5',
    title: 'W5 first sync over a 2G link (256 kbit/s, 600 ms RTT)',
    load: () => import('./w5.mjs').then((m) => [m.runW5, m.rowsOfW5]),
  },
  {
    name: 'W7',
    title: 'W7 scale: 100 facilities × 5,000 patients, concurrent writers',
    load: () => import('./w7.mjs').then((m) => [m.runW7]),
  },
  {
    name: 'W8',
    title: 'W8 FHIR Bulk Data export of the facility',
    load: () => import('./w8.mjs').then((m) => [m.runW8]),
  },
  {
    name: 'browser',
    title: 'browser: sync-client on IndexedDB in headless Chromium',
    load: () => import('./browser/browser.mjs').then((m) => [m.runBrowser, m.rowsOfBrowser]),
  },
];

try {
  // What every workload may use; each takes the names it needs.
  const ctx = {
    api: API,
    apiPort,
    raw: RAW,
    rawPort,
    tokens,
    sql,
    ds,
    dbUrl: dbUrl(),
    quick: QUICK,
    scale: SCALE,
    rounds: ROUNDS,
    page: PAGE,
    pageSize: PAGE,
    size: args['w7-size'],
    keepDb: Boolean(args['keep-db']),
    log,
  };
  for (const workload of WORKLOADS) {
    if (!(workload.when ?? (() => want(workload.name)))()) continue;
    log(workload.title);
    const [run, rowsOf] = await workload.load();
    const out = await run(ctx);
    const done = rowsOf ? { result: out, rows: rowsOf(out, SCALE) } : out;
    results.workloads[workload.name] = done.result;
    rows.push(...done.rows);
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
md += `\nTargets (issue 17), judged on this run:\n\n${targetsTable(results.workloads, { scale: SCALE })}`;
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
