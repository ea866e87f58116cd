import type { LightMyRequestResponse } from 'fastify';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadReceipt } from '@healthsync/contracts';
import { createTestApp, type TestApp } from '../test/test-app';
import { propertySettings } from '../test/property-settings';
import { testDatabaseKind } from '../test/test-database';
import { fuzzCase, type FuzzCase } from './fuzz-arbitraries';
import { batchUploadCase } from './fuzz-batch';
import { routeTable, type RouteTable } from './route-table';
import { changedTables, createWriteProbe } from './write-probe';
import { knownIds, seedScenario } from './scenario';

/**
 * Issue 6, fuzzing: generated bodies, query strings, path parameters and headers against every
 * route the router serves, as every kind of caller. Never a 5xx; every error is JSON that names
 * the problem; a refused request writes nothing (DESIGN §6: "never a partial write").
 *
 * Issue 13: the batch upload path on its own as well (changes of every resource type), and input
 * classes that once got through (timestamps with any offset form or a comma, years 0000 and
 * 10000+, days that do not exist, bodies nested far too deep, strings beyond a JSON field's bound).
 *
 * FC_RUNS / FC_SEED / FC_PATH replay a failure as printed; the default is 10,000 cases on PGlite
 * and 2,000 on PostgreSQL (CI runs both), and a twentieth of that many batches.
 */
const settings = propertySettings(testDatabaseKind === 'pglite' ? 10_000 : 2_000);
const batchRuns = Math.ceil(settings.runs / 20);
const seed = settings.seed ?? Math.floor(Math.random() * 2 ** 31);

let t: TestApp;
let table: RouteTable;
let probe: Awaited<ReturnType<typeof createWriteProbe>>;
let arbitrary: fc.Arbitrary<FuzzCase>;
let batchArbitrary: fc.Arbitrary<FuzzCase>;

beforeAll(async () => {
  // A small body limit keeps the huge-body cases cheap and still reaches the 413 path.
  t = await createTestApp({ bodyLimitBytes: 256 * 1024 });
  const scenario = await seedScenario(t);
  table = await routeTable(t.app);
  const tokens: Record<string, string> = {};
  for (const user of ['worker', 'worker2', 'doctor', 'pharmacist', 'admin']) {
    tokens[user] = await t.tokenFor(user);
  }
  const world = {
    table,
    tokens,
    knownIds: [...knownIds(), ...scenario.ids],
    cursors: scenario.cursors,
  };
  arbitrary = fuzzCase(world);
  batchArbitrary = batchUploadCase(world);
  probe = await createWriteProbe(t.database);
});
afterAll(() => t?.close());

const SSE_PATH = '/api/sync/events';

async function send(c: FuzzCase): Promise<{ response: LightMyRequestResponse; body: string }> {
  const request = {
    method: c.route.method as 'GET',
    url: c.url,
    headers: c.headers,
    ...(c.body === undefined ? {} : { payload: c.body }),
  };
  if (!c.route.path.startsWith(SSE_PATH)) {
    const response = await t.app.inject(request);
    return { response, body: decoded(response) };
  }
  // The event stream never ends: take its head, then hang up.
  const controller = new AbortController();
  const response = await t.app.inject({
    ...request,
    payloadAsStream: true,
    signal: controller.signal,
  });
  const stream = response.stream();
  stream.on('error', () => {});
  if (String(response.headers['content-type']).startsWith('text/event-stream')) {
    controller.abort();
    return { response, body: '' };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { response, body: Buffer.concat(chunks).toString() };
}

/** The body as text, decompressed as its Content-Encoding says (the fuzz asks for br/gzip). */
function decoded(response: LightMyRequestResponse): string {
  const raw = response.rawPayload;
  switch (response.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(raw).toString();
    case 'gzip':
      return gunzipSync(raw).toString();
    case 'deflate':
      return inflateSync(raw).toString();
    default:
      return response.body;
  }
}

/** What a request may write, by DESIGN: null = anything (an accepted write). */
async function allowedWrites(c: FuzzCase, status: number, body: string): Promise<string[] | null> {
  const { method } = c.route;
  if (status === 429) return ['sign_in_throttle'];
  if (['GET', 'HEAD', 'OPTIONS'].includes(method)) {
    // A Bulk Data kick-off stores its job (and the job its files).
    if (status === 202 && c.route.path.endsWith('/$export'))
      return ['fhir_export_job', 'fhir_export_file'];
    // A pull notes the device's cursor for the admin's sync-health page.
    return status < 300 ? ['sync_device'] : [];
  }
  if (status >= 400) {
    // Failed sign-ins are counted (sign-in limiter), refresh-token reuse revokes the family, and a
    // stale sync_update is kept as a conflict for a person to resolve (DESIGN §5.5).
    if (c.route.key === 'POST /api/auth/token') return ['sign_in_throttle'];
    if (c.route.key === 'POST /api/auth/token/refresh' && status === 401) return ['refresh_token'];
    if (c.route.key === 'PUT /api/appointments/:id/sync_update' && status === 409) {
      return tryJson(body)?.error_code === 'STALE_UPDATE' ? ['sync_conflict'] : [];
    }
    return [];
  }
  if (c.route.key === 'POST /api/sync/upload') {
    // DESIGN §5.4: a rejected change leaves no trace; the batch and its receipt are stored, the
    // device's counters move, a conflict is kept. Anything else needs an applied change.
    const sent = tryJson(body) as UploadReceipt | undefined;
    let receipt = sent;
    if (status === 202 && sent?.batch_id) {
      const stored = await t.database.prisma.syncBatch.findUnique({ where: { id: sent.batch_id } });
      receipt = (stored?.receipt as UploadReceipt | null) ?? { ...sent, results: [] };
    }
    const statuses = new Set(receipt?.results.map((r) => r.status) ?? []);
    if (['created', 'updated', 'deleted'].some((s) => statuses.has(s as never))) return null;
    const allowed = ['sync_batch', 'sync_device'];
    if (statuses.has('conflict')) allowed.push('sync_conflict', 'sync_change_key');
    return allowed;
  }
  return null;
}

function tryJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const clip = (text: string, max = 60000) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

function describeCase(c: FuzzCase, status?: number, body?: string): string {
  const headers = Object.fromEntries(
    Object.entries(c.headers).map(([k, v]) => [
      k,
      clip(v.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '<jwt>'), 120),
    ]),
  );
  const sent =
    c.body === undefined
      ? '(none)'
      : clip(typeof c.body === 'string' ? c.body : `<${c.body.length} gzip bytes>`);
  return [
    `${c.route.method} ${clip(c.url, 300)} as ${c.user} [${c.note}]`,
    `headers: ${JSON.stringify(headers)}`,
    `body: ${sent}`,
    ...(status === undefined ? [] : [`→ ${status} ${clip(body ?? '')}`]),
  ].join('\n  ');
}

async function check(c: FuzzCase): Promise<number> {
  // Work deferred past a response (queued batches, device pull records) is done before each
  // snapshot, so it counts toward the request that caused it.
  await t.app.devicePulls.flush();
  const before = await probe.now();
  const { response, body } = await send(c);
  await t.app.batchQueue.drain();
  await t.app.devicePulls.flush();
  const status = response.statusCode;
  const problems: string[] = [];

  if (status >= 500) problems.push('server error');
  if (status === 202 && c.route.key === 'POST /api/sync/upload') {
    // Queued: the worker's outcome is the answer a synchronous upload would have given.
    const batchId = tryJson(body)?.batch_id;
    const stored =
      typeof batchId === 'string'
        ? await t.database.prisma.syncBatch.findUnique({ where: { id: batchId } })
        : null;
    if (stored?.status !== 'applied')
      problems.push(`queued batch ended ${stored?.status} (an error in the worker)`);
  }
  // Where the request went once its dot segments are resolved ("/fhir/../x" is not under /fhir).
  const servedPath = new URL(c.url, 'http://fuzz.invalid').pathname;
  if (status >= 400 && c.route.method !== 'HEAD' && servedPath.startsWith('/fhir/')) {
    // The FHIR API's errors are OperationOutcomes; a 400 names the parameter in `expression`.
    const json = tryJson(body);
    if (!String(response.headers['content-type']).includes('application/fhir+json'))
      problems.push(
        `FHIR error is not application/fhir+json (${response.headers['content-type']})`,
      );
    const issues = json?.resourceType === 'OperationOutcome' ? json.issue : null;
    if (!Array.isArray(issues) || issues.length === 0)
      problems.push('FHIR error is not an OperationOutcome with issues');
    else if (
      status === 400 &&
      !issues.every((i: { expression?: unknown[] }) => i.expression?.length)
    )
      problems.push('400 OperationOutcome does not name the parameter (expression)');
  } else if (status >= 400 && c.route.method !== 'HEAD') {
    const json = tryJson(body);
    if (!String(response.headers['content-type']).includes('application/json'))
      problems.push(`error is not JSON (${response.headers['content-type']})`);
    if (typeof json?.detail !== 'string' || typeof json.error_code !== 'string')
      problems.push('error body lacks detail/error_code');
    const errors = json?.errors;
    if (
      status === 400 &&
      (!errors || typeof errors !== 'object' || Object.keys(errors).length === 0)
    )
      problems.push('400 does not name the problem (errors)');
  }
  if (
    ({} as Record<string, unknown>).polluted !== undefined ||
    ({} as Record<string, unknown>).role !== undefined
  )
    problems.push('Object.prototype was polluted');

  const changed = changedTables(before, await probe.now());
  const allowed = await allowedWrites(c, status, body);
  const unexpected = allowed === null ? [] : changed.filter((name) => !allowed.includes(name));
  if (unexpected.length) problems.push(`wrote to ${unexpected.join(', ')}`);

  if (problems.length) {
    throw new Error(`${problems.join('; ')} (seed ${seed})\n  ${describeCase(c, status, body)}`);
  }
  return status;
}

async function fuzz(what: string, cases: fc.Arbitrary<FuzzCase>, runs: number): Promise<void> {
  const started = performance.now();
  const statuses = new Map<number, number>();
  const counted = fc.asyncProperty(cases, async (c) => {
    Object.defineProperty(c, fc.toStringMethod, { value: () => describeCase(c) });
    const status = await check(c);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const result = await fc.check(counted, {
    numRuns: runs,
    seed,
    path: settings.path,
    endOnFailure: !settings.shrink,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const spread = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.log(
    `fuzz: ${result.numRuns} ${what} in ${seconds} s on ${testDatabaseKind}, seed ${seed}: ${spread.join(' ')}`,
  );
  if (result.failed) {
    throw new Error(
      `fuzz (${what}) failed after ${result.numRuns} cases — replay with FC_SEED=${seed} FC_PATH=${result.counterexamplePath}\n` +
        String(
          result.errorInstance instanceof Error
            ? result.errorInstance.message
            : result.errorInstance,
        ),
    );
  }
}

describe(`fuzzing every route (${settings.runs} cases, ${batchRuns} batches, seed ${seed})`, () => {
  it('finds every route, documented or not', () => {
    const keys = table.routes.map((r) => r.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/sync/upload',
        'PATCH /api/admin/users/:id',
        'DELETE /api/records/:id',
        'GET /api/sync/events',
        'GET /api/openapi.json',
      ]),
    );
    // Every JSON route of the API is in the OpenAPI document (the fuzzer reads its schemas).
    const undocumented = table.routes.filter(
      (r) =>
        !r.documented &&
        r.method !== 'OPTIONS' &&
        !r.path.startsWith('/docs') &&
        !['/api/openapi.json', '/metrics'].includes(r.path),
    );
    expect(undocumented.map((r) => r.key)).toEqual([]);
  });

  it('never answers 5xx, always names the problem, and never writes on a refusal', async () => {
    await fuzz('requests', arbitrary, settings.runs);
  }, 600_000);

  it('holds the same on the batch upload path, for changes of every resource type', async () => {
    await fuzz('batches', batchArbitrary, batchRuns);
  }, 600_000);
});
