// Browser workloads: @healthsync/sync-client on IndexedDB in headless Chromium (playwright-core,
// /usr/bin/chromium). The page and its bundle come from a tiny http server on 127.0.0.1 (IndexedDB
// needs a real origin), and so do the download pages — fetched before any clock starts; during the
// timed part a fetch stub hands them to sync-client, so IndexedDB is timed, not the network.
//   (a) one first sync applying 100,000 records (25,000 patients, 50,000 appointments, 25,000
//       Observations) into a fresh IndexedDB database — target < 20 s;
//   (b) the patients screen's search over 20,000 patients — target < 50 ms (median).
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

async function bundle() {
  const out = await build({
    entryPoints: [path.join(HERE, 'entry.mjs')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
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

    // (a) 100,000 records into IndexedDB
    const loadedA = await page.evaluate((n) => window.bench.load(n), 'a');
    log(
      `  browser (a): ${feed.length} records in ${loadedA.pages} pages, ${(loadedA.bytes / 1e6).toFixed(1)} MB of JSON loaded into the page`,
    );
    const a = await page.evaluate(
      ([n, db, ps]) => window.bench.apply(n, db, ps),
      ['a', 'bench-a', pageSize],
    );
    log(`  browser (a): ${JSON.stringify(a)}`);
    await page.evaluate(() => window.bench.close('bench-a'));
    const floor = await page.evaluate(([n, db]) => window.bench.floor(n, db), ['a', 'bench-floor']);
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
    const byName = await page.evaluate(
      ([db, q, r]) => window.bench.search(db, q, r),
      ['bench-b', NAME_QUERIES, REPEAT],
    );
    const [byPhone, all] = await page.evaluate(
      ([db, q, r]) => window.bench.search(db, q, r),
      ['bench-b', [phone, ''], REPEAT],
    );
    await page.evaluate(() => window.bench.close('bench-b'));
    for (const q of [...byName, byPhone, all])
      log(
        `  search ${JSON.stringify(q.query)}: ${q.hits} hits, ${q.ms.map((x) => x.toFixed(1)).join(' / ')} ms`,
      );
    const nameMs = byName.flatMap((q) => q.ms);
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
  return rows;
}
