// The raw reference: the floor for "rows out of PostgreSQL, over HTTP". node:http + pg, no
// framework, no validation, no ORM: rows come out of PostgreSQL already as JSON text
// (row_to_json) and are concatenated into the page. Keyset paging on the change stamp, scoped to
// one facility like the worker's pull. Compression as our API does it (br quality 4 / gzip,
// above 1 KiB). Also a bulk write endpoint (W3 floor): optimistic UPDATE … WHERE server_version.
//
//   node raw-server.mjs <port> <databaseUrl> <facilityId>
//   GET  /raw/changes?since=<µs stamp>&limit=N  → {"changes":[{resource_type,stamp,data}],"has_more","next_cursor"}
//   POST /raw/patients  {"changes":[{id, base_version, address, phone_number}]} → {"results":[…],"conflicts":N}
import http from 'node:http';
import zlib from 'node:zlib';
import pg from 'pg';

const [port, databaseUrl, facility] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
// bigint stamps as strings; the page is built as text anyway.
pg.types.setTypeParser(20, (v) => v);

const FACILITY_TABLES = [
  ['Patient', 'patient'],
  ['Appointment', 'appointment'],
  ['HealthRecord', 'health_record'],
  ['Doctor', 'doctor'],
];
const GLOBAL_TABLES = [
  ['Pharmacy', 'pharmacy'],
  ['Medicine', 'medicine'],
  ['InventoryItem', 'inventory_item'],
];

function changesSql() {
  const branch = (entity, table, scoped) =>
    `(SELECT '${entity}' AS t, stamp, row_to_json(x)::text AS j FROM "${table}" x WHERE stamp > $1${scoped ? ' AND facility_id = $3' : ''} ORDER BY stamp LIMIT $2)`;
  const parts = [
    ...FACILITY_TABLES.map(([e, t]) => branch(e, t, true)),
    ...GLOBAL_TABLES.map(([e, t]) => branch(e, t, false)),
  ];
  return `SELECT t, stamp, j FROM (${parts.join(' UNION ALL ')}) c ORDER BY stamp LIMIT $2`;
}
const CHANGES_SQL = changesSql();

function send(req, res, status, body) {
  const accept = String(req.headers['accept-encoding'] ?? '');
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  let out = Buffer.from(body);
  if (out.length > 1024 && /\bbr\b/.test(accept)) {
    out = zlib.brotliCompressSync(out, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    });
    headers['content-encoding'] = 'br';
  } else if (out.length > 1024 && /\bgzip\b/.test(accept)) {
    out = zlib.gzipSync(out);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = out.length;
  res.writeHead(status, headers);
  res.end(out);
}

async function changes(req, res, url) {
  const since = url.searchParams.get('since') ?? '0';
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000), 5000);
  const { rows } = await pool.query(CHANGES_SQL, [since, limit + 1, facility]);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  let body = '{"changes":[';
  for (let i = 0; i < page.length; i++) {
    const r = page[i];
    body += `${i ? ',' : ''}{"resource_type":"${r.t}","stamp":"${r.stamp}","data":${r.j}}`;
  }
  const next = page.length ? page[page.length - 1].stamp : since;
  body += `],"has_more":${hasMore},"next_cursor":"${next}"}`;
  send(req, res, 200, body);
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Optimistic bulk update of patients: a change whose base_version is not current is a conflict. */
async function patients(req, res) {
  const { changes: list } = await readBody(req);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `UPDATE patient p SET address = u.address, phone_number = u.phone
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS u(id, base, address, phone)
        WHERE p.id = u.id AND p.server_version = u.base AND p.facility_id = $5
        RETURNING p.id::text, p.server_version, p.stamp`,
      [
        list.map((c) => c.id),
        list.map((c) => c.base_version),
        list.map((c) => c.address),
        list.map((c) => c.phone_number),
        facility,
      ],
    );
    await client.query('COMMIT');
    const done = new Map(rows.map((r) => [r.id, r]));
    const results = list.map((c) => {
      const r = done.get(c.id);
      return r
        ? { id: c.id, status: 'updated', server_version: r.server_version, stamp: r.stamp }
        : { id: c.id, status: 'conflict' };
    });
    send(
      req,
      res,
      200,
      JSON.stringify({ results, conflicts: results.filter((r) => r.status === 'conflict').length }),
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const route =
    req.method === 'GET' && url.pathname === '/raw/changes'
      ? changes(req, res, url)
      : req.method === 'POST' && url.pathname === '/raw/patients'
        ? patients(req, res)
        : req.method === 'GET' && url.pathname === '/healthz'
          ? Promise.resolve(send(req, res, 200, '{"ok":true}'))
          : Promise.resolve(send(req, res, 404, '{"error":"not found"}'));
  route.catch((error) => {
    if (!res.headersSent) send(req, res, 500, JSON.stringify({ error: String(error) }));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
