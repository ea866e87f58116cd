// Browser workloads: @healthsync/sync-client on IndexedDB in headless Chromium (playwright-core,
// /usr/bin/chromium). The page and its bundle come from a tiny http server on 127.0.0.1 (IndexedDB
// needs a real origin), and so do the download pages — fetched before any clock starts; during the
// timed part a fetch stub hands them to sync-client, so IndexedDB is timed, not the network.
//   (a) one first sync applying 100,000 records (25,000 patients, 50,000 appointments, 25,000
//       Observations) into a fresh IndexedDB database — target < 20 s;
//   (b) the patients screen's search over 20,000 patients — target < 50 ms (median).
import { writeFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { generateDataset } from '../dataset.mjs';
import { wirePages } from './wire-pages.mjs';
import { fmtMs, median } from '../stats.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
/** Name queries as typed on the patients screen (words in any order, prefixes). */
export const NAME_QUERIES = [
  'asha',
  'patil',
  'dev ash',
  'kavita jadhav',
  'sunita more',
  'mahesh kul',
  'ra',
  'pooja s',
];
const REPEAT = 5;
/** BENCH_PROFILE_DIR: a CPU profile of each timed browser step goes there (unminified bundle). */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

async function bundle() {
  const out = await build({
    entryPoints: [path.join(HERE, 'entry.mjs')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: !PROFILE_DIR,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return out.outputFiles[0].contents;
}

function serve(js, sets) {
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>bench</title><script src="/bench.js"></script></head><body>bench</body></html>';
  const server = http.createServer((req, res) => {
    const m = /^\/pages\/(\w+)\/(index\.json|\d+)$/.exec(req.url);
    const send = (type, body) =>
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    if (req.url === '/') return send('text/html; charset=utf-8', html);
    if (req.url === '/bench.js') return send('text/javascript', js);
    if (m && sets[m[1]])
      return m[2] === 'index.json'
        ? send('application/json', JSON.stringify({ sinces: sets[m[1]].sinces }))
        : send('application/json', sets[m[1]].pages[Number(m[2])]);
    res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((r) => server.close(r)),
      }),
    ),
  );
}

/** Runs `step` under Chromium's CPU profiler when BENCH_PROFILE_DIR is set (`cdp` then given). */
async function profiled(cdp, label, step) {
  if (!cdp) return step();
  await cdp.send('Profiler.start');
  try {
    return await step();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(path.join(PROFILE_DIR, `browser-${label}.cpuprofile`), JSON.stringify(profile));
  }
}

export async function runBrowser({ scale = 1, pageSize = 500, log }) {
  const nRecords = Math.round(100_000 * scale);
  const nPatients = Math.round(20_000 * scale);
  const ds = generateDataset({ scale: 1.25 * scale });
  const feed = [
    ...ds.patients.map((r) => ['Patient', r]),
    ...ds.appointments.map((r) => ['Appointment', r]),
    ...ds.observations.map((r) => ['Observation', r]),
  ].slice(0, nRecords);
  const sets = {
    a: wirePages(feed, pageSize),
    b: wirePages(
      ds.patients.slice(0, nPatients).map((r) => ['Patient', r]),
      pageSize,
    ),
  };
  const js = await bundle();
  const site = await serve(js, sets);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site.url);
    await page.waitForFunction(() => Boolean(window.bench));
    if (errors.length) throw new Error(`page: ${errors.join('; ')}`);
    const version = browser.version();
    let cdp = null;
    if (PROFILE_DIR) {
      await mkdir(PROFILE_DIR, { recursive: true });
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    }

    // (a) 100,000 records into IndexedDB
    const loadedA = await page.evaluate((n) => window.bench.load(n), 'a');
    log(
      `  browser (a): ${feed.length} records in ${loadedA.pages} pages, ${(loadedA.bytes / 1e6).toFixed(1)} MB of JSON loaded into the page`,
    );
    const a = await profiled(cdp, 'load', () =>
      page.evaluate(([n, db, ps]) => window.bench.apply(n, db, ps), ['a', 'bench-a', pageSize]),
    );
    log(`  browser (a): ${JSON.stringify(a)}`);
    await page.evaluate(() => window.bench.close('bench-a'));
    const aSealed = await profiled(cdp, 'load-sealed', () =>
      page.evaluate(
        ([n, db, ps]) => window.bench.apply(n, db, ps, true),
        ['a', 'bench-a-sealed', pageSize],
      ),
    );
    log(`  browser (a) sealed: ${JSON.stringify(aSealed)}`);
    await page.evaluate(() => window.bench.close('bench-a-sealed'));
    const floor = await profiled(cdp, 'load-floor', () =>
      page.evaluate(([n, db]) => window.bench.floor(n, db), ['a', 'bench-floor']),
    );
    const parse = await page.evaluate((n) => window.bench.parseOnly(n), 'a');
    log(
      `  browser (a) IndexedDB floor: ${(floor.ms / 1000).toFixed(2)} s; JSON.parse + zod of the pages alone: ${(parse.ms / 1000).toFixed(2)} s`,
    );
    await page.evaluate(() => window.bench.drop('a'));
    if (a.invalid)
      throw new Error(
        `browser (a): sync-client found ${a.invalid} rows not matching the contracts`,
      );

    // (b) search over 20,000 patients
    await page.evaluate((n) => window.bench.load(n), 'b');
    const b = await page.evaluate(
      ([n, db, ps]) => window.bench.apply(n, db, ps),
      ['b', 'bench-b', pageSize],
    );
    log(`  browser (b): ${b.rows.patients} patients applied in ${(b.ms / 1000).toFixed(2)} s`);
    const phone = ds.patients[7].phone_number.replace(/\D/g, '').slice(-6, -1);
    const byName = await profiled(cdp, 'search', () =>
      page.evaluate(
        ([db, q, r]) => window.bench.search(db, q, r),
        ['bench-b', NAME_QUERIES, REPEAT],
      ),
    );
    const [byPhone, all] = await page.evaluate(
      ([db, q, r]) => window.bench.search(db, q, r),
      ['bench-b', [phone, ''], REPEAT],
    );
    await page.evaluate(() => window.bench.close('bench-b'));
    const bSealed = await page.evaluate(
      ([n, db, ps]) => window.bench.apply(n, db, ps, true),
      ['b', 'bench-b-sealed', pageSize],
    );
    const warm = await profiled(cdp, 'unlock-sealed', () =>
      page.evaluate((db) => window.bench.rewarm(db), 'bench-b-sealed'),
    );
    if (warm)
      log(`  browser (b) sealed: patients decrypted into memory (unlock): ${fmtMs(warm.ms)}`);
    const sealedByName = await profiled(cdp, 'search-sealed', () =>
      page.evaluate(
        ([db, q, r]) => window.bench.search(db, q, r),
        ['bench-b-sealed', NAME_QUERIES, REPEAT],
      ),
    );
    const [sealedByPhone, sealedAll] = await page.evaluate(
      ([db, q, r]) => window.bench.search(db, q, r),
      ['bench-b-sealed', [phone, ''], REPEAT],
    );
    await page.evaluate(() => window.bench.close('bench-b-sealed'));
    for (const q of [...byName, byPhone, all])
      log(
        `  search ${JSON.stringify(q.query)}: ${q.hits} hits, ${q.ms.map((x) => x.toFixed(1)).join(' / ')} ms`,
      );
    for (const q of [...sealedByName, sealedByPhone, sealedAll])
      log(
        `  sealed search ${JSON.stringify(q.query)}: ${q.hits} hits, ${q.ms.map((x) => x.toFixed(1)).join(' / ')} ms`,
      );
    const nameMs = byName.flatMap((q) => q.ms);
    const sealedNameMs = sealedByName.flatMap((q) => q.ms);
    return {
      chromium: version,
      apply: {
        records: feed.length,
        ...a,
        pages: loadedA.pages,
        jsonBytes: loadedA.bytes,
        floorMs: floor.ms,
        parseMs: parse.ms,
      },
      search: {
        patients: b.rows.patients,
        applyMs: b.ms,
        repeat: REPEAT,
        median: median(nameMs),
        max: Math.max(...nameMs),
        perQuery: byName.map((q) => ({
          query: q.query,
          hits: q.hits,
          median: median(q.ms),
          ms: q.ms,
        })),
        phone: {
          query: byPhone.query,
          hits: byPhone.hits,
          median: median(byPhone.ms),
          ms: byPhone.ms,
        },
        all: { hits: all.hits, median: median(all.ms), ms: all.ms },
      },
      sealed: {
        apply: { ...aSealed },
        search: {
          applyMs: bSealed.ms,
          unlockMs: warm?.ms,
          median: median(sealedNameMs),
          max: Math.max(...sealedNameMs),
          phone: { hits: sealedByPhone.hits, median: median(sealedByPhone.ms) },
          all: { hits: sealedAll.hits, median: median(sealedAll.ms) },
        },
      },
    };
  } finally {
    await browser.close().catch(() => {});
    await site.close();
  }
}

/** The bench table's rows of the browser workloads. */
export function rowsOfBrowser(r, SCALE) {
  const rows = [];
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
  if (sq.unlockMs !== undefined)
    rows.push([
      `Browser: patient search over ${q.patients}`,
      'ours, encrypted: decrypting every patient into memory (at unlock, in the background)',
      fmtMs(sq.unlockMs),
      '',
    ]);
  return rows;
}
