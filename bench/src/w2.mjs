// W2: incremental pull after 500 and 2,000/5,000 server-side edits, ours against the raw floor,
// on clients that are already fully synced.
import { FACILITY_A } from './dataset.mjs';
import { openOurs, ourSync, RawClient } from './clients.mjs';
import { summary, fmtSummary, fmtMs } from './stats.mjs';

/**
 * Server-side edits of n patients (then appointments) of a facility, in 1,000-row transactions,
 * via triggers.
 */
export async function serverEdits(sql, n, tag, facility = FACILITY_A) {
  let left = n;
  for (const table of ['patient', 'appointment']) {
    while (left > 0) {
      const k = Math.min(1000, left);
      const col = table === 'patient' ? 'address' : 'symptoms';
      const { rowCount } = await sql.query(
        `UPDATE ${table} SET ${col} = ${col} || ' ·' WHERE id IN (SELECT id FROM ${table} WHERE facility_id = $1 ORDER BY random() LIMIT $2)`,
        [facility, k],
      );
      left -= rowCount;
      if (rowCount < k) break;
    }
  }
  if (left > 0) throw new Error(`serverEdits ${tag}: ${left} left`);
}

export async function runW2({
  api: API,
  raw: RAW,
  tokens,
  sql,
  quick: QUICK,
  rounds: ROUNDS,
  page: PAGE,
  log,
}) {
  const rows = [];
  const ours = await openOurs(API, tokens, { pageSize: PAGE });
  await ourSync(ours);
  const rawClient = new RawClient(RAW, { pageSize: PAGE });
  await rawClient.pull();
  const result = {};
  for (const n of [500, QUICK ? 2000 : 5000]) {
    const runs = { ours: [], raw: [] };
    for (let r = 0; r < ROUNDS; r++) {
      await serverEdits(sql, n, `W2-${n}`);
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
      `${ratio.toFixed(2)}× raw (targets: below)`,
    ]);
    rows.push([`W2 pull after ${n} changes`, 'raw', fmtSummary(s.raw), 'floor']);
    result[n] = s;
  }
  await ours.client.close();
  return { result, rows };
}
