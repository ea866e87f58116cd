// W8: a FHIR Bulk Data export of the bench facility (GET /fhir/Group/<facility>/$export: kick-off,
// poll, download every NDJSON file), against the raw floor of streaming the same source rows out of
// PostgreSQL with `COPY (SELECT row_to_json(…)) TO STDOUT`. The first export's every line is then
// checked with Medplum's R4 validator (outside the timing).
import { spawn } from 'node:child_process';
import { fhirProblemsOf } from '@healthsync/api/fhir-validator';
import { FACILITY_A } from './dataset.mjs';
import { summary, fmtSummary, fmtMs } from './stats.mjs';

/** The tables the facility's export reads, each once. */
const SOURCE_TABLES = [
  ['patient', 'facility_id = $1'],
  ['appointment', 'facility_id = $1'],
  ['health_record', 'facility_id = $1'],
  ['doctor', 'facility_id = $1'],
  ['pharmacy', 'NOT deleted'],
  ['facility', 'id = $1'],
];

export async function exportOnce(API, token) {
  const auth = { authorization: `Bearer ${token}` };
  const t = performance.now();
  const kickOff = await fetch(`${API}/fhir/Group/${FACILITY_A}/$export`, {
    headers: { ...auth, prefer: 'respond-async', accept: 'application/fhir+json' },
  });
  if (kickOff.status !== 202)
    throw new Error(`kick-off ${kickOff.status}: ${await kickOff.text()}`);
  const statusUrl = kickOff.headers.get('content-location');
  let manifest;
  for (;;) {
    const poll = await fetch(statusUrl, { headers: auth });
    if (poll.status === 200) {
      manifest = await poll.json();
      break;
    }
    if (poll.status !== 202) throw new Error(`poll ${poll.status}: ${await poll.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const files = [];
  let bytes = 0;
  for (const file of manifest.output) {
    const text = await (await fetch(file.url, { headers: auth })).text();
    bytes += Buffer.byteLength(text);
    files.push({ type: file.type, text });
  }
  const ms = performance.now() - t;
  const resources = manifest.output.reduce((n, f) => n + f.count, 0);
  return { ms, resources, bytes, files };
}

/** psql streams each table's rows as JSON lines to a pipe we only count. */
function copyOut(dbUrl, table, where) {
  const query = `COPY (SELECT row_to_json(t) FROM ${table} t WHERE ${where.replace('$1', `'${FACILITY_A}'`)}) TO STDOUT`;
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [dbUrl, '-X', '-q', '-c', query], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lines = 0;
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve({ lines, bytes }) : reject(new Error(`psql COPY ${table}: ${err}`)),
    );
  });
}

async function copyFloor(dbUrl) {
  const t = performance.now();
  let rows = 0;
  let bytes = 0;
  for (const [table, where] of SOURCE_TABLES) {
    const out = await copyOut(dbUrl, table, where);
    rows += out.lines;
    bytes += out.bytes;
  }
  return { ms: performance.now() - t, rows, bytes };
}

export async function invalidLines(files) {
  let checked = 0;
  const problems = [];
  for (const { type, text } of files) {
    for (const line of text.trimEnd().split('\n')) {
      const resource = JSON.parse(line);
      checked += 1;
      const found = resource.resourceType === type ? await fhirProblemsOf(resource) : ['type'];
      if (found.length) problems.push({ type, id: resource.id, found });
    }
  }
  return { checked, problems };
}

export async function runW8({ api: API, tokens, dbUrl, rounds: ROUNDS, log }) {
  const runs = { ours: [], raw: [] };
  let ours;
  let raw;
  let validation;
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? ['raw', 'ours'] : ['ours', 'raw'];
    for (const who of order) {
      if (who === 'ours') {
        ours = await exportOnce(API, tokens.access);
        runs.ours.push(ours.ms);
        log(`  round ${r + 1} ours: ${ours.resources} resources, ${fmtMs(ours.ms)}`);
        if (!validation) {
          validation = await invalidLines(ours.files);
          log(`  validated ${validation.checked} lines: ${validation.problems.length} invalid`);
        }
        ours.files = null;
      } else {
        raw = await copyFloor(dbUrl);
        runs.raw.push(raw.ms);
        log(`  round ${r + 1} raw COPY: ${raw.rows} rows, ${fmtMs(raw.ms)}`);
      }
    }
  }
  const s = { ours: summary(runs.ours), raw: summary(runs.raw) };
  const perSecond = (n, ms) => Math.round((n / ms) * 1000);
  const result = {
    ours: { ...s.ours, resources: ours.resources, bytes: ours.bytes },
    raw: { ...s.raw, rows: raw.rows, bytes: raw.bytes },
    validation: { checked: validation.checked, invalid: validation.problems.slice(0, 20) },
  };
  const rows = [
    [
      'W8 FHIR export of the facility',
      'ours',
      `${fmtSummary(s.ours)}: ${ours.resources} resources, ${perSecond(ours.resources, s.ours.median)} resources/s; ${validation.checked} lines validated, ${validation.problems.length} invalid`,
      `${(s.ours.median / s.raw.median).toFixed(2)}× the COPY floor's time (no target)`,
    ],
    [
      'W8 FHIR export of the facility',
      'raw',
      `${fmtSummary(s.raw)}: ${raw.rows} rows, ${perSecond(raw.rows, s.raw.median)} rows/s`,
      'floor (COPY … TO STDOUT)',
    ],
  ];
  return { result, rows };
}
