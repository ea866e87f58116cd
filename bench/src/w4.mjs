// W4: 64 concurrent devices (uncompressed, as on a LAN), each alternating a pull (from its own advancing cursor) and a push of
// 5 new appointments (client-generated ids, so no conflicts), through autocannon. The raw
// reference gets the same mix on its endpoints (pull pages; bulk patient updates).
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { DOCTOR_IDS } from './dataset.mjs';

function run(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    autocannon.track(inst, {
      renderProgressBar: false,
      renderResultsTable: false,
      renderLatencyTable: false,
      outputStream: { write() {} },
    });
  });
}

const shape = (r) => ({
  requests: r.requests.total,
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  max: r.latency.max,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
});

export async function runW4({ api, raw, tokens, quick, sql, log }) {
  const duration = quick ? 8 : 20;
  const { rows } = await sql.query('SELECT id::text FROM patient ORDER BY random() LIMIT 64');
  const head = await (
    await fetch(`${api}/api/sync/download/?since=1970-01-01T00:00:00Z&limit=1`, {
      headers: { authorization: `Bearer ${tokens.access}` },
    })
  ).json();
  const start = head.server_time;
  let device = 0;
  const ours = await run({
    url: api,
    connections: 64,
    duration,
    timeout: 10,
    requests: [
      {
        setupRequest: (req, ctx) => {
          ctx.device ??= `bench-w4-${device++}`;
          ctx.cursor ??= start;
          return {
            ...req,
            method: 'GET',
            path: `/api/sync/download/?since=${encodeURIComponent(ctx.cursor)}&limit=500`,
            headers: { authorization: `Bearer ${tokens.access}`, 'x-device-id': ctx.device },
          };
        },
        onResponse: (status, body, ctx) => {
          const m = /"next_cursor":"([^"]+)"/.exec(body);
          if (status === 200 && m) ctx.cursor = m[1];
        },
      },
      {
        setupRequest: (req, ctx) => {
          const patient = rows[Math.floor(Math.random() * rows.length)].id;
          const changes = Array.from({ length: 5 }, () => ({
            operation: 'create',
            resource_type: 'Appointment',
            client_change_id: randomUUID(),
            payload: {
              id: randomUUID(),
              patient_id: patient,
              doctor_id: DOCTOR_IDS[0],
              appointment_date: new Date(Date.now() + 86400000).toISOString(),
              status: 'PENDING',
              symptoms: 'Fever since two days',
            },
          }));
          return {
            ...req,
            method: 'POST',
            path: '/api/sync/upload/',
            headers: {
              authorization: `Bearer ${tokens.access}`,
              'content-type': 'application/json',
              'x-device-id': ctx.device,
            },
            body: JSON.stringify({ device_id: ctx.device, batch_id: randomUUID(), changes }),
          };
        },
      },
    ],
  });
  log(`  ours: ${JSON.stringify(shape(ours))}`);
  const rawRes = await run({
    url: raw,
    connections: 64,
    duration,
    timeout: 10,
    requests: [
      {
        setupRequest: (req, ctx) => {
          ctx.cursor ??= String(BigInt(Date.parse(start)) * 1000n);
          return { ...req, method: 'GET', path: `/raw/changes?since=${ctx.cursor}&limit=500` };
        },
        onResponse: (status, body, ctx) => {
          const m = /"next_cursor":"([^"]+)"/.exec(body);
          if (status === 200 && m) ctx.cursor = m[1];
        },
      },
      {
        setupRequest: (req) => {
          const p = rows[Math.floor(Math.random() * rows.length)].id;
          return {
            ...req,
            method: 'POST',
            path: '/raw/patients',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              changes: [{ id: p, base_version: 1, address: 'x', phone_number: 'y' }],
            }),
          };
        },
      },
    ],
  });
  log(`  raw: ${JSON.stringify(shape(rawRes))}`);
  return { ours: shape(ours), raw: shape(rawRes) };
}

/** The bench table's rows of W4. */
export function rowsOfW4(r) {
  const rows = [];
  for (const [who, x] of Object.entries(r)) {
    rows.push([
      'W4 64 devices pull+push',
      who,
      `${x.rps.toFixed(0)} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, ${x.errors} errors, ${x.non2xx} non-2xx (${x.requests} req)`,
      who === 'ours'
        ? `0 errors: ${x.errors + x.non2xx === 0 ? 'HOLDS' : 'MISSES'}; ${(x.rps / r.raw.rps).toFixed(2)}× raw's req/s, ${(x.p99 / r.raw.p99).toFixed(2)}× its p99 (targets: below)`
        : 'floor',
    ]);
  }
  return rows;
}
