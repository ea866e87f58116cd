// W1: first sync of everything, ours against the raw floor, PouchDB and RxDB, interleaved rounds;
// then one untimed run of each through the counting proxy for requests and bytes.
import { freePort } from './procs.mjs';
import { oursFirstSync, rawFirstSync } from './clients.mjs';
import { startPouchServer, pouchFirstSync } from './peers/pouch.mjs';
import { startRxServer, rxFirstSync } from './peers/rxdb.mjs';
import { startProxy } from './proxy.mjs';
import { interleave, withTimeout } from './rounds.mjs';
import { summary, fmtSummary, fmtBytes } from './stats.mjs';

export async function runW1({
  api: API,
  apiPort,
  raw: RAW,
  rawPort,
  tokens,
  ds,
  scale: SCALE,
  rounds: ROUNDS,
  page: PAGE,
  log,
}) {
  const rows = [];
  const pouchPort = await freePort();
  const rxPort = await freePort();
  const [pouch, rx] = await Promise.all([
    startPouchServer(pouchPort, ds),
    startRxServer(rxPort, SCALE),
  ]);
  try {
    const res = await interleave(
      [
        ['ours', () => oursFirstSync(API, tokens, { pageSize: PAGE })],
        ['raw', () => rawFirstSync(RAW, { pageSize: PAGE })],
        ['pouchdb', () => pouchFirstSync(pouch.url, { batchSize: PAGE })],
        ['rxdb', () => rxFirstSync(rx.url, { batchSize: PAGE })],
      ],
      ROUNDS,
      log,
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
    for (const k of Object.keys(s)) {
      const ratio = s[k].median / rawMed;
      const vsOurs = s[k].median / s.ours.median;
      rows.push([
        'W1 first sync',
        k,
        `${fmtSummary(s[k])}; ${wire[k].requests} req, ${fmtBytes(wire[k].down)} down`,
        k === 'ours'
          ? `${ratio.toFixed(2)}× raw (targets: below)`
          : k === 'raw'
            ? 'floor'
            : k === 'pouchdb'
              ? `ours is ${vsOurs.toFixed(2)}× faster (target ≥ 7×) ${vsOurs >= 7 ? 'HOLDS' : 'MISSES'}`
              : `ours is ${vsOurs.toFixed(2)}× faster (targets: below)`,
      ]);
    }
    return { result: { summary: s, wire, runs: res }, rows };
  } finally {
    await Promise.all([pouch.stop(), rx.stop()]);
  }
}
