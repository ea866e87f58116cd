// W5: a first sync of 10,000 patients (demo facility B, `worker2`) over a simulated 2G link —
// 256 kbit/s and 600 ms round trips — against the floor: the brotli (q11) size of the raw pages
// ÷ 32,000 B/s + one round trip.
//
// PostgreSQL, our API and the raw reference stay in the host namespace. A bridge maps a Unix socket
// (sockets in the filesystem cross network namespaces) to each server's port. The client runs in its
// own network namespace (`unshare -n`), lo up with MTU 1500, and reaches a proxy on the namespace's
// 127.0.0.1:8080 that adds 300 ms each way and forwards to the bridge's socket. lo is shaped per
// direction: an htb root only classifies (a u32 filter on source port 8080 picks the downlink) and
// each of its two classes has a `tbf rate 256kbit burst 1600` leaf — a full-duplex link whose idle
// time buys at most one packet of burst. (htb's own rate limiting let ~25 kB through early, so it
// does not shape here.)
// BENCH_W5_QDISC=tbf uses the first plan instead (one `tbf rate 256kbit burst 16kb` for both
// directions: ACKs queue behind data, and the 16 kB bucket refills during every round trip).
// Where unshare or tc is refused, the proxy shapes the rate itself (BENCH_W5_SHAPING=proxy forces it).
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import zlib from 'node:zlib';
import { generateDataset, demoId } from './dataset.mjs';
import { loadDataset } from './pg-load.mjs';
import { startProcess, httpOk, freePort, signIn, runToEnd, BENCH_DIR } from './procs.mjs';
import { fmtMs, fmtBytes } from './stats.mjs';

export const FACILITY_B = demoId('facility-b');
export const WORKER2_ID = demoId('user-worker2');
export const LINK_BPS = 32_000; // 256 kbit/s
export const RTT_MS = 600;
const NS_PORT = 8080; // the proxy's port inside the namespace (a fresh namespace: always free)
const HTB = [
  'tc qdisc add dev lo root handle 1: htb default 20',
  'tc class add dev lo parent 1: classid 1:10 htb rate 1gbit quantum 60000',
  'tc class add dev lo parent 1: classid 1:20 htb rate 1gbit quantum 60000',
  'tc qdisc add dev lo parent 1:10 tbf rate 256kbit burst 1600 latency 10s',
  'tc qdisc add dev lo parent 1:20 tbf rate 256kbit burst 1600 latency 10s',
  `tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip sport ${NS_PORT} 0xffff flowid 1:10`,
];
const TBF = ['tc qdisc add dev lo root tbf rate 256kbit burst 16kb latency 3s'];
export const QDISC = process.env.BENCH_W5_QDISC === 'tbf' ? 'tbf' : 'htb';
const NS_SETUP = ['ip link set lo up mtu 1500', ...(QDISC === 'tbf' ? TBF : HTB)].join(' && ');

/** GET without compression (the floor compresses the bodies itself). */
function getIdentity(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { ...headers, 'accept-encoding': 'identity' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const brotli = (buf, quality) =>
  zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;

/** Every page of a feed, uncompressed, and what brotli makes of them. */
async function pagesOf(first, next, headers) {
  const out = { pages: 0, rows: 0, bytes: 0, br4: 0, br11: 0 };
  const all = [];
  for (let url = first; url;) {
    const { status, body } = await getIdentity(url, headers);
    if (status !== 200)
      throw new Error(`W5 floor: ${url} → ${status} ${body.toString().slice(0, 200)}`);
    const page = JSON.parse(body.toString('utf8'));
    out.pages++;
    out.rows += page.changes.length;
    out.bytes += body.length;
    out.br4 += brotli(body, 4);
    out.br11 += brotli(body, 11);
    all.push(body);
    url = page.has_more ? next(page) : null;
  }
  out.br11Whole = brotli(Buffer.concat(all), 11); // everything as one response, for reference
  return out;
}

/** A Unix socket in the host forwarding to a 127.0.0.1 port. */
function startBridge(port) {
  const sock = path.join(os.tmpdir(), `hs-bench-w5-${process.pid}-${port}.sock`);
  rmSync(sock, { force: true });
  const sockets = new Set();
  const server = net.createServer((c) => {
    const u = net.connect(port, '127.0.0.1');
    sockets.add(c).add(u);
    c.pipe(u).on('error', () => c.destroy());
    u.pipe(c).on('error', () => u.destroy());
    c.on('error', () => u.destroy());
    u.on('error', () => c.destroy());
    c.on('close', () => sockets.delete(c));
    u.on('close', () => sockets.delete(u));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, () =>
      resolve({
        sock,
        async close() {
          for (const s of sockets) s.destroy();
          await new Promise((r) => server.close(r));
          rmSync(sock, { force: true });
        },
      }),
    );
  });
}

/** Can this machine make a network namespace with a shaped lo? */
async function tcWorks() {
  if (process.env.BENCH_W5_SHAPING === 'proxy') return false;
  try {
    await runToEnd('unshare probe', 'unshare', ['-n', 'sh', '-c', NS_SETUP], { timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** One first sync from inside a fresh shaped namespace (or through the rate-shaping proxy). */
async function shapedSync(mode, bridge, { pageSize, tc, tokens }) {
  const clientArgs = [
    '--import',
    'tsx',
    'src/w5-client.mjs',
    mode,
    bridge.sock,
    String(pageSize),
    String(RTT_MS),
    tc ? String(NS_PORT) : '0',
    tc ? '0' : String(LINK_BPS),
  ];
  const env = { W5_TOKENS: JSON.stringify(tokens ?? null) };
  const out = tc
    ? await runToEnd(
        `W5 ${mode}`,
        'unshare',
        ['-n', 'sh', '-c', `${NS_SETUP} && exec "$0" "$@"`, process.execPath, ...clientArgs],
        { env, cwd: BENCH_DIR },
      )
    : await runToEnd(`W5 ${mode}`, process.execPath, clientArgs, { env, cwd: BENCH_DIR });
  return JSON.parse(out.trim().split('\n').at(-1));
}

export async function runW5({ apiPort, dbUrl, scale, pageSize, log }) {
  const n = Math.max(1, Math.round(10_000 * scale));
  // Patients of their own (another seed), in facility B, owned by worker2: W1's facility is untouched.
  const patients = generateDataset({ seed: 55, scale: n / 20_000 }).patients.map((p) => ({
    ...p,
    facility_id: FACILITY_B,
    owner: WORKER2_ID,
  }));
  const empty = {
    appointments: [],
    observations: [],
    pharmacies: [],
    medicines: [],
    inventory: [],
  };
  const loadMs = await loadDataset(dbUrl, { patients, ...empty });
  log(`  W5: ${patients.length} patients loaded into facility B in ${fmtMs(loadMs)}`);

  const api = `http://127.0.0.1:${apiPort}`;
  const tokens = await signIn(api, 'worker2');
  const rawPort = await freePort();
  const raw = await startProcess(
    'raw-b',
    process.execPath,
    ['src/raw-server.mjs', String(rawPort), dbUrl, FACILITY_B],
    {
      cwd: BENCH_DIR,
      ready: httpOk(`http://127.0.0.1:${rawPort}/healthz`),
    },
  );
  const bridges = [];
  try {
    // The floor: the raw reference's pages, each brotli'd at q11.
    const rawBase = `http://127.0.0.1:${rawPort}/raw/changes`;
    const floorPages = await pagesOf(
      `${rawBase}?since=0&limit=${pageSize}`,
      (p) => `${rawBase}?since=${p.next_cursor}&limit=${pageSize}`,
    );
    const floorMs = (floorPages.br11 / LINK_BPS) * 1000 + RTT_MS;
    // Our pages, uncompressed and at both qualities: how much of a miss is format, compression, round trips.
    const dl = `${api}/api/sync/download/`;
    const ourPages = await pagesOf(
      `${dl}?since=${encodeURIComponent('1970-01-01T00:00:00.000000Z')}&limit=${pageSize}`,
      (p) => `${dl}?since=${encodeURIComponent(p.next_cursor)}&limit=${pageSize}`,
      { authorization: `Bearer ${tokens.access}` },
    );
    log(
      `  W5 floor: ${floorPages.rows} rows in ${floorPages.pages} raw pages, ${fmtBytes(floorPages.bytes)} → brotli q11 ${fmtBytes(floorPages.br11)} → ${fmtMs(floorMs)}; our pages ${fmtBytes(ourPages.bytes)} → q4 ${fmtBytes(ourPages.br4)}, q11 ${fmtBytes(ourPages.br11)}`,
    );

    const tc = await tcWorks();
    log(
      `  W5 shaping: ${tc ? `tc (${QDISC === 'tbf' ? 'one tbf for both directions' : 'a tbf per direction'}) 256 kbit/s on lo in an unshare -n namespace` : 'FALLBACK: token bucket in the proxy (unshare/tc refused)'}; proxy RTT ${RTT_MS} ms`,
    );
    const apiBridge = await startBridge(apiPort);
    bridges.push(apiBridge);
    const rawBridge = await startBridge(rawPort);
    bridges.push(rawBridge);
    const ours = await shapedSync('ours', apiBridge, { pageSize, tc, tokens });
    log(
      `  W5 ours: ${fmtMs(ours.ms)}, ${ours.wire.requests} req, ${fmtBytes(ours.wire.down)} down, ${ours.rows} rows`,
    );
    const rawRun = await shapedSync('raw', rawBridge, { pageSize, tc });
    log(
      `  W5 raw: ${fmtMs(rawRun.ms)}, ${rawRun.wire.requests} req, ${fmtBytes(rawRun.wire.down)} down, ${rawRun.rows} rows`,
    );
    return {
      shaping: tc ? `tc-${QDISC}-netns` : 'proxy-token-bucket',
      linkBps: LINK_BPS,
      rttMs: RTT_MS,
      patients: n,
      floor: { ms: floorMs, ...floorPages, requests: 1 },
      ourPages,
      ours,
      raw: rawRun,
      ratio: ours.ms / floorMs,
    };
  } finally {
    await Promise.all(bridges.map((b) => b.close().catch(() => {})));
    await raw.stop();
  }
}

/** The bench table's rows of W5. */
export function rowsOfW5(r) {
  const rows = [];
  const label = `W5 first sync over 2G, ${r.patients} patients (${r.shaping === 'proxy-token-bucket' ? 'FALLBACK: rate shaped in the proxy, tc unavailable' : r.shaping === 'tc-htb-netns' ? 'tc: 256 kbit/s each way, netns' : 'tc tbf: 256 kbit/s shared by both ways, netns'} + 600 ms RTT proxy)`;
  const wire = (x) =>
    `${x.wire.requests} req, ${fmtBytes(x.wire.down)} down + ${fmtBytes(x.wire.up)} up, ${x.rows} rows`;
  rows.push([
    label,
    'ours (sync-client, memory)',
    `${fmtMs(r.ours.ms)}; ${wire(r.ours)}`,
    `${r.ratio.toFixed(2)}× brotli floor (targets: below)`,
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
  return rows;
}
