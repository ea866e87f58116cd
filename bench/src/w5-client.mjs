// W5's client side, run by w5.mjs inside its own network namespace (`unshare -n`, lo shaped by tc
// at 256 kbit/s): a delaying proxy on the namespace's 127.0.0.1 forwards to a Unix socket that the
// host bridges to the server, and one first sync goes through it. Prints JSON.
//
//   node --import tsx src/w5-client.mjs <ours|raw> <socket> <pageSize> <rttMs> <listenPort> <proxyRateBps>
//   env W5_TOKENS = the worker2 token pair (ours only)
import { execFileSync } from 'node:child_process';
import { startProxy } from './proxy.mjs';
import { openOurs, ourSync, rawFirstSync } from './clients.mjs';

const [mode, socket, pageSize, rttMs, listenPort = '0', rateBps = '0'] = process.argv.slice(2);
const proxy = await startProxy({
  target: socket,
  rttMs: Number(rttMs),
  listenPort: Number(listenPort),
  rateBps: Number(rateBps),
});
const base = `http://127.0.0.1:${proxy.port}`;
const opts = { pageSize: Number(pageSize) };

async function ours() {
  const o = await openOurs(base, JSON.parse(process.env.W5_TOKENS), opts);
  const r = await ourSync(o);
  const c = o.client;
  const lists = [
    c.patients,
    c.appointments,
    c.records,
    c.inventory,
    c.doctors,
    c.pharmacies,
    c.medicines,
  ];
  const counts = await Promise.all(lists.map((l) => l.list().then((rows) => rows.length)));
  await c.close();
  return { ...r, patients: counts[0], rows: counts.reduce((a, b) => a + b, 0) };
}

const run = mode === 'ours' ? await ours() : await rawFirstSync(base, opts);
let qdisc = null;
try {
  qdisc = execFileSync('sh', ['-c', 'tc -s qdisc show dev lo; tc -s class show dev lo'], {
    encoding: 'utf8',
  }).trim();
} catch {
  // no tc here (the proxy-shaped fallback)
}
await proxy.close();
process.stdout.write(`${JSON.stringify({ ...run, wire: { ...proxy.stats }, qdisc })}\n`);
process.exit(0);
