// W3: one batch of 500 patient edits, none or 10% of them stale, ours (POST /api/sync/upload/)
// against the raw floor's bulk optimistic UPDATE.
import { randomUUID } from 'node:crypto';
import { FACILITY_A } from './dataset.mjs';
import { summary, fmtSummary, fmtMs } from './stats.mjs';

export async function runW3({ api: API, raw: RAW, tokens, sql, rounds: ROUNDS, log }) {
  const rows = [];
  const result = {};
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
      `${ratio.toFixed(2)}× raw (targets: below)`,
    ]);
    rows.push([
      label,
      'raw',
      `${fmtSummary(s.raw)}; ${outcome.raw.updated} updated, ${outcome.raw.conflicts} conflicts`,
      'floor',
    ]);
    result[conflictShare] = { ...s, outcome };
  }
  return { result, rows };
}
