import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadReceipt } from '@healthsync/contracts';
import { LOCK_FILE_NAME } from '../db/data-dir-lock';
import { embeddedDatabaseDir, openDatabase } from '../db/open-database';
import {
  createTestDatabase,
  pgliteTemplateDump,
  testDatabaseKind,
  type TestDatabase,
} from '../test/test-database';
import {
  crashSetting,
  freePort,
  pause,
  startApi,
  stopAllApis,
  type ApiProcess,
} from './api-process';

/**
 * Issue 6, faults: kill -9 the API in the middle of a 500-change upload, 20 times, with a client
 * retrying each time — zero partial batches, zero duplicates, zero lost acknowledged changes.
 * The API runs as a child process (src/server.ts) on this project's database: a PGlite DATA_DIR
 * reopened by every restart (recovering a killed process's directory and taking over its lock), or
 * a PostgreSQL database.
 */

// The number; CRASH_ROUNDS=3 for a quick local run.
const ROUNDS = Number(crashSetting('CRASH_ROUNDS') ?? 20);
const BATCH_SIZE = 500;
const UPDATES = 20; // changes of existing rows (with base_version) in every batch
const CREATES = BATCH_SIZE - UPDATES;
const DEVICE = 'crash-tablet';
const TAG = `Crash ${randomUUID().slice(0, 8)}`;

type Row = Record<string, unknown>;
type Query = <R = Row>(sql: string, params?: unknown[]) => Promise<R[]>;

let api: ApiProcess | undefined;
let port: number;
let token: string;
let stopClient = false;
let pgliteRoot: string | undefined;
let postgres: TestDatabase | undefined;
const baseIds: string[] = [];

const start = (demo = false) =>
  startApi({
    port,
    demo,
    ...(postgres
      ? { databaseUrl: (postgres.migrationTarget as { databaseUrl: string }).databaseUrl }
      : { dataDir: path.join(pgliteRoot!, 'data') }),
  });

/**
 * Runs `work` against the database as the killed API left it; call it while no API process runs.
 * PGlite: the data directory is copied at once and `work` runs on the copy (in parallel with the
 * restart), so that the directory the next server opens is exactly what the killed one left — its
 * crash recovery and its stale lock included.
 */
async function inspect<T>(work: (query: Query) => Promise<T>): Promise<() => Promise<T>> {
  if (postgres) {
    const result = await work(postgres.query.bind(postgres) as Query);
    return () => Promise.resolve(result);
  }
  const copy = path.join(pgliteRoot!, `inspect-${randomUUID()}`);
  await cp(embeddedDatabaseDir(path.join(pgliteRoot!, 'data')), copy, { recursive: true });
  const result = (async () => {
    const database = await openDatabase({ dataDir: copy });
    try {
      return await work(database.query.bind(database) as Query);
    } finally {
      await database.close();
      await rm(copy, { recursive: true, force: true });
    }
  })();
  result.catch(() => {}); // awaited by the caller
  return () => result;
}

const createName = (round: number, i: number) => `${TAG} r${round} #${i}`;
const roundAddress = (round: number) => `${TAG} after round ${round}`;

/** Round `round`'s batch: creates keyed by client_temp_id, and an update of every base row. */
function batchOf(round: number, batchId: string, baseVersion: number) {
  const changes: Record<string, unknown>[] = [];
  for (let i = 0; i < CREATES; i++) {
    changes.push({
      operation: 'create',
      resource_type: 'Patient',
      client_temp_id: `r${round}-c${i}`,
      payload: { name: createName(round, i), gender: i % 2 ? 'female' : 'male' },
    });
    if (i % (CREATES / UPDATES) === 0) {
      const j = changes.filter((c) => c.operation === 'update').length;
      changes.push({
        operation: 'update',
        resource_type: 'Patient',
        server_id: baseIds[j],
        client_change_id: `r${round}-u${j}`,
        base_version: baseVersion,
        payload: { address: roundAddress(round) },
      });
    }
  }
  expect(changes).toHaveLength(BATCH_SIZE);
  return { device_id: DEVICE, batch_id: batchId, changes };
}

async function post(url: string, body: unknown) {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The client: sends the batch until a receipt comes back; network errors are retried. */
async function uploadUntilReceipt(
  body: unknown,
): Promise<{ receipt: UploadReceipt; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    if (stopClient) throw new Error('client stopped');
    let answer: { status: number; text: string };
    try {
      const response = await post(`http://127.0.0.1:${port}/api/sync/upload/`, body);
      answer = { status: response.status, text: await response.text() };
    } catch {
      await pause(50); // the server is down (killed, restarting): try again
      continue;
    }
    // A server that answers must answer with the receipt: no 5xx after a crash.
    if (answer.status !== 200)
      throw new Error(`upload answered ${answer.status}: ${answer.text.slice(0, 500)}`);
    return { receipt: UploadReceipt.parse(JSON.parse(answer.text)), attempts };
  }
}

/** What of round `round`'s batch the database holds: nothing or everything, never a part. */
async function batchState(query: Query, round: number, batchId: string) {
  const [counts] = await query<{ creates: number; updates: number; batches: number }>(
    `SELECT
       (SELECT count(*)::int FROM patient WHERE name LIKE $1) AS creates,
       (SELECT count(*)::int FROM patient WHERE address = $2) AS updates,
       (SELECT count(*)::int FROM sync_batch WHERE id = $3::uuid AND status = 'applied') AS batches`,
    [`${TAG} r${round} #%`, roundAddress(round), batchId],
  );
  return counts!;
}

const NOTHING = { creates: 0, updates: 0, batches: 0 };
const EVERYTHING = { creates: CREATES, updates: UPDATES, batches: 1 };

beforeAll(async () => {
  port = await freePort();
  if (testDatabaseKind === 'postgres') {
    postgres = await createTestDatabase();
  } else {
    pgliteRoot = await mkdtemp(path.join(tmpdir(), 'healthsync-crash-'));
    // Start from the migrated template rather than initdb + migrations (seconds saved).
    const seed = await openDatabase({
      dataDir: embeddedDatabaseDir(path.join(pgliteRoot, 'data')),
      loadDump: await pgliteTemplateDump(),
    });
    await seed.close();
  }
  api = await start(true);
  const signIn = await post(`${api.url}/api/auth/token/`, {
    username: 'worker',
    password: 'worker-demo',
  });
  expect(signIn.status).toBe(200);
  token = ((await signIn.json()) as { access: string }).access;
  for (let j = 0; j < UPDATES; j++) {
    const response = await post(`${api.url}/api/patients/`, { name: `${TAG} base #${j}` });
    expect(response.status).toBe(201);
    baseIds.push(((await response.json()) as { id: string }).id);
  }
}, 120_000);

afterAll(async () => {
  stopClient = true;
  await stopAllApis();
  await postgres?.close();
  if (pgliteRoot) await rm(pgliteRoot, { recursive: true, force: true });
});

describe(`kill -9 during a ${BATCH_SIZE}-change upload, ${ROUNDS} times (${testDatabaseKind})`, () => {
  it('leaves no partial batch, no duplicate and no lost acknowledged change', async () => {
    // Measure how long an undisturbed upload of this size takes, to spread the kills over it.
    let version = 1;
    const warmUpId = randomUUID();
    const started = performance.now();
    const warmUp = await uploadUntilReceipt(batchOf(0, warmUpId, version));
    const duration = performance.now() - started;
    version += 1;
    const receipts = new Map<number, { batchId: string; receipt: UploadReceipt }>([
      [0, { batchId: warmUpId, receipt: warmUp.receipt }],
    ]);

    // Kill points spread over [0, 1.25 × duration): slot k of ROUNDS, in a seeded random order.
    const seed = Number(crashSetting('CRASH_SEED') ?? Date.now() % 1_000_000);
    const random = mulberry32(seed);
    const slots = Array.from({ length: ROUNDS }, (_, k) => k);
    for (let k = slots.length - 1; k > 0; k--) {
      const other = Math.floor(random() * (k + 1));
      [slots[k], slots[other]] = [slots[other]!, slots[k]!];
    }
    const log = (line: string) => console.log(`[${testDatabaseKind}] ${line}`);
    const killedAt = { before: 0, after: 0 };

    for (let round = 1; round <= ROUNDS; round++) {
      const batchId = randomUUID();
      const body = batchOf(round, batchId, version);
      const delay = ((slots[round - 1]! + random()) / ROUNDS) * 1.25 * duration;

      const client = uploadUntilReceipt(body);
      await pause(delay);
      const killed = api!;
      await killed.kill();

      const inspected = await inspect(
        async (query) =>
          [
            await batchState(query, round, batchId),
            await batchState(query, round - 1, receipts.get(round - 1)!.batchId),
          ] as const,
      );
      if (pgliteRoot) {
        // The killed process's lock is still there: the restart has to take it over.
        const lock = path.join(embeddedDatabaseDir(path.join(pgliteRoot, 'data')), LOCK_FILE_NAME);
        expect((await readFile(lock, 'utf8')).trim()).toBe(String(killed.pid));
      }
      let restart = 0;
      const restartedAt = performance.now();
      const restarted = start().then((restartedApi) => {
        restart = performance.now() - restartedAt;
        return restartedApi;
      });
      restarted.catch(() => {}); // awaited below
      const [atKill, previous] = await inspected();
      // Between the kill and the retry: all of the batch or none of it.
      expect(
        [NOTHING, EVERYTHING],
        `round ${round}, killed after ${delay.toFixed(0)} ms`,
      ).toContainEqual(atKill);
      expect(previous).toMatchObject({ creates: CREATES, batches: 1 });
      killedAt[atKill.batches ? 'after' : 'before'] += 1;
      api = await restarted;
      const { receipt, attempts } = await client;
      log(
        `round ${round}: kill at ${delay.toFixed(0)} ms, batch ${atKill.batches ? 'committed' : 'absent'} at kill, ` +
          `restart ${(restart / 1000).toFixed(1)} s, receipt after ${attempts} attempt(s)`,
      );

      expect(receipt.batch_id).toBe(batchId);
      expect(receipt.status).toBe('applied');
      expect(receipt.conflicts).toEqual([]);
      expect(receipt.results.map((r) => r.status).sort()).toEqual(
        [
          ...Array<string>(CREATES).fill('created'),
          ...Array<string>(UPDATES).fill('updated'),
        ].sort(),
      );
      // The same batch again (a lost response): the stored receipt, nothing new.
      const replay = await post(`${api.url}/api/sync/upload/`, body);
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual(receipt);
      // (PGlite's directory cannot be read while the server runs: the next kill checks it.)
      if (postgres)
        expect(await batchState(postgres.query.bind(postgres), round, batchId)).toEqual(EVERYTHING);

      receipts.set(round, { batchId, receipt });
      version += 1;
    }

    // After all rounds, on the database itself.
    await api!.kill();
    api = undefined;
    const finalCheck = await inspect(async (query) => {
      const rows = await query<{
        id: string;
        name: string;
        address: string | null;
        server_version: number;
      }>('SELECT id::text AS id, name, address, server_version FROM patient WHERE name LIKE $1', [
        `${TAG} %`,
      ]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      // Zero duplicates: one row per client_temp_id (names are unique per temp id).
      const names = rows.map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
      expect(rows).toHaveLength(UPDATES + CREATES * (ROUNDS + 1));

      // Zero lost acknowledged changes: every change of every receipt is on the server.
      for (const [round, { receipt }] of receipts) {
        const body = batchOf(round, receipt.batch_id, 0);
        for (const result of receipt.results) {
          const sent = body.changes[result.index]!;
          const row = byId.get(result.server_id ?? '');
          expect(row, `round ${round} change ${result.index}`).toBeDefined();
          if (sent.operation === 'create') {
            expect(row!.name).toBe((sent.payload as { name: string }).name);
          } else {
            expect(row!.id).toBe(sent.server_id);
            expect(result.server_version).toBe(round + 2); // each update applied exactly once
          }
        }
      }
      for (const id of baseIds) {
        expect(byId.get(id)).toMatchObject({
          address: roundAddress(ROUNDS),
          server_version: ROUNDS + 2,
        });
      }
      const batches = await query<{ status: string }>(
        'SELECT status FROM sync_batch WHERE device_id = $1',
        [DEVICE],
      );
      expect(batches.map((b) => b.status)).toEqual(Array<string>(ROUNDS + 1).fill('applied'));
    });
    await finalCheck();

    log(
      `${ROUNDS} kills (seed ${seed}; CRASH_SEED=${seed} repeats them), upload of ${BATCH_SIZE} ` +
        `changes took ${duration.toFixed(0)} ms; ${killedAt.before} kills before the batch committed, ${killedAt.after} after`,
    );
  }, 1_800_000);
});

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
