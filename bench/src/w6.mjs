// W6: a sync when nothing changed, through the counting proxy: requests and bytes of the
// sync-client's no-change cycle, and of one conditional GET (If-None-Match) alone.
import { openOurs, ourSync } from './clients.mjs';
import { startProxy } from './proxy.mjs';
import { fmtMs, fmtBytes } from './stats.mjs';

export async function runW6({ api: API, apiPort, tokens, page: PAGE }) {
  const rows = [];
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
  const result = { syncClient: measured, conditional };
  return { result, rows };
}
