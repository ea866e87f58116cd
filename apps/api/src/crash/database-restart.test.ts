import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { UploadReceipt } from '@healthsync/contracts';
import type { PostgresDatabase } from '../db/open-database';
import { createPgBossBatchQueue } from '../jobs/pg-boss-batch-queue';
import { processStoredBatch } from '../modules/sync/upload/upload-batch';
import { withAdminClient } from '../test/postgres-admin';
import { createTestApp, type TestApp } from '../test/test-app';
import { testDatabaseKind } from '../test/test-database';
import { pause } from './api-process';

/**
 * Issue 6, faults: every PostgreSQL connection of the API is terminated (as a database restart
 * or a failover does) several times while reads and uploads flow. The API recovers without a
 * restart: afterwards every request succeeds, /readyz is 200, no batch is half-applied, nothing
 * crashed the process, and the change feed's LISTEN connection is back (an SSE client hears of
 * a new write).
 */

const TERMINATIONS = 6;
const UPLOADERS = 2;
const READERS = 2;
const BATCH_SIZE = 20;
const TAG = `Restart ${randomUUID().slice(0, 8)}`;

type Batch = { batchId: string; n: number; body: unknown; receipt?: UploadReceipt };

describe.runIf(testDatabaseKind === 'postgres')(
  'PostgreSQL connections restarted mid-traffic',
  () => {
    let t: TestApp;
    let base: string;
    let token: string;
    let adminUrl: string;
    let databaseName: string;
    const processErrors: unknown[] = [];
    const onProcessError = (error: unknown) => processErrors.push(error);

    beforeAll(async () => {
      process.on('unhandledRejection', onProcessError);
      process.on('uncaughtException', onProcessError);
      t = await createTestApp();
      base = await t.app.listen({ host: '127.0.0.1', port: 0 });
      token = await t.tokenFor('worker');
      adminUrl = inject('postgresTestRun').adminUrl;
      const { databaseUrl } = t.database.migrationTarget as { databaseUrl: string };
      databaseName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    });
    afterAll(async () => {
      await t?.close();
      process.off('unhandledRejection', onProcessError);
      process.off('uncaughtException', onProcessError);
    }, 120_000);

    const request = (method: 'GET' | 'POST', url: string, body?: unknown) =>
      fetch(`${base}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    let batchCount = 0;
    function newBatch(): Batch {
      const n = ++batchCount;
      const batchId = randomUUID();
      return {
        n,
        batchId,
        body: {
          device_id: 'restart-tablet',
          batch_id: batchId,
          changes: Array.from({ length: BATCH_SIZE }, (_, i) => ({
            operation: 'create',
            resource_type: 'Patient',
            client_temp_id: `b${n}-c${i}`,
            payload: { name: `${TAG} b${n} #${i}` },
          })),
        },
      };
    }

    /** Terminates every backend of the test database (the API's pool and LISTEN connection). */
    async function terminateAll(): Promise<number[]> {
      return withAdminClient(adminUrl, async (admin) => {
        const { rows } = await admin.query<{ pid: number }>(
          // The timeout waits until each backend has exited (PostgreSQL 14+).
          `SELECT pid, pg_terminate_backend(pid, 10000) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [databaseName],
        );
        return rows.map((r) => r.pid);
      });
    }

    const setAllowConnections = (allow: boolean) =>
      withAdminClient(adminUrl, (admin) =>
        admin.query(
          `ALTER DATABASE ${pg.escapeIdentifier(databaseName)} ALLOW_CONNECTIONS ${allow}`,
        ),
      );

    const batchRows = async (batch: Batch) => {
      const [row] = await t.database.query<{ creates: number; applied: number }>(
        `SELECT (SELECT count(*)::int FROM patient WHERE name LIKE $1) AS creates,
              (SELECT count(*)::int FROM sync_batch WHERE id = $2::uuid AND status = 'applied') AS applied`,
        [`${TAG} b${batch.n} #%`, batch.batchId],
      );
      return row!;
    };

    it('recovers without a restart: requests, readiness, batches and the change feed', async () => {
      const batches: Batch[] = [];
      const statuses = new Map<string, number>();
      let completed = 0;
      let stop = false;
      const count = (what: string) => {
        statuses.set(what, (statuses.get(what) ?? 0) + 1);
        completed += 1;
      };

      const uploader = async () => {
        while (!stop) {
          const batch = newBatch();
          batches.push(batch);
          try {
            const response = await request('POST', '/api/sync/upload/', batch.body);
            if (response.status === 200) batch.receipt = UploadReceipt.parse(await response.json());
            else await response.arrayBuffer();
            count(`upload ${response.status}`);
          } catch {
            count('upload network error');
          }
          if (!batch.receipt) await pause(100); // a client backs off after a failure
        }
      };
      const reader = async (i: number) => {
        for (let k = 0; !stop; k++) {
          const url =
            (i + k) % 2
              ? '/api/patients/'
              : '/api/sync/download/?since=1970-01-01T00:00:00Z&limit=100';
          try {
            const response = await request('GET', url);
            await response.arrayBuffer();
            count(`read ${response.status}`);
          } catch {
            count('read network error');
          }
        }
      };
      const traffic = Promise.all([
        ...Array.from({ length: UPLOADERS }, () => uploader()),
        ...Array.from({ length: READERS }, (_, i) => reader(i)),
      ]);

      // The storm: terminate every connection, each time after some more requests went through.
      const terminated: number[] = [];
      for (let k = 0; k < TERMINATIONS; k++) {
        const target = completed + 4;
        while (completed < target) await pause(10);
        await pause(Math.random() * 100);
        terminated.push(...(await terminateAll()));
      }
      // Then a restart with downtime: connections dropped and refused for a while (longer than
      // the job queue's polling interval), as while PostgreSQL restarts or fails over.
      await setAllowConnections(false);
      try {
        terminated.push(...(await terminateAll()));
        const target = completed + 4;
        while (completed < target) await pause(10);
        await pause(3_000);
      } finally {
        await setAllowConnections(true);
      }
      stop = true;
      await traffic;
      expect(terminated.length).toBeGreaterThan(TERMINATIONS);

      // Ready again, without a restart (polling readiness is the only wait).
      for (;;) {
        const ready = await fetch(`${base}/readyz`);
        if (ready.status === 200) break;
        await pause(100);
      }

      // No batch is half-applied: each one's rows are all there (with its receipt stored) or none.
      for (const batch of batches) {
        const { creates, applied } = await batchRows(batch);
        expect([0, BATCH_SIZE], `batch ${batch.n}`).toContain(creates);
        expect(applied, `batch ${batch.n}`).toBe(creates === BATCH_SIZE ? 1 : 0);
        if (batch.receipt) expect(creates, `acknowledged batch ${batch.n}`).toBe(BATCH_SIZE);
      }

      // Every request succeeds now: reads, and every batch again (a retry, or a replay).
      for (const url of [
        '/api/patients/',
        '/api/sync/download/?since=1970-01-01T00:00:00Z&limit=100',
        '/api/sync/status/',
      ]) {
        const response = await request('GET', url);
        expect(response.status, url).toBe(200);
      }
      // (A few at a time, as clients would: hundreds at once would wait for a pool connection.)
      await inParallel(3, batches, async (batch) => {
        const response = await request('POST', '/api/sync/upload/', batch.body);
        const text = await response.text();
        expect(response.status, `upload of batch ${batch.n}: ${text}`).toBe(200);
        const receipt = UploadReceipt.parse(JSON.parse(text));
        if (batch.receipt) expect(receipt).toEqual(batch.receipt);
        expect(receipt.results.every((r) => r.status === 'created')).toBe(true);
        expect(await batchRows(batch)).toEqual({ creates: BATCH_SIZE, applied: 1 });
      });
      const [{ duplicates } = { duplicates: -1 }] = await t.database.query<{ duplicates: number }>(
        `SELECT count(*)::int AS duplicates FROM (
         SELECT name FROM patient WHERE name LIKE $1 GROUP BY name HAVING count(*) > 1) d`,
        [`${TAG} %`],
      );
      expect(duplicates).toBe(0);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);

      // The change feed listens again: wait for its LISTEN connection, then a write is announced.
      for (;;) {
        const listening = await t.database.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%LISTEN healthsync_changes%'`,
          [databaseName],
        );
        if (listening.length) break;
        await pause(100);
      }
      const stream = await openEvents(`${base}/api/sync/events`, token);
      try {
        // A reconnecting listener also nudges everyone ("shared"); wait for our write's own event.
        for (let k = 0; ; k++) {
          const write = await request('POST', '/api/patients/', { name: `${TAG} announced ${k}` });
          expect(write.status).toBe(201);
          const event = await stream.nextChange();
          if (event.includes('"scope":"facility"')) break;
        }
      } finally {
        stream.close();
      }

      expect(processErrors).toEqual([]);
      console.log(
        `[postgres] ${TERMINATIONS} storms terminated ${terminated.length} connections; ` +
          `${batches.length} batches; requests during the storm: ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    }, 300_000);

    it('keeps its job queue through a database outage (pg-boss maintenance fails meanwhile)', async () => {
      // A second worker on the app's queue, whose maintenance runs every second.
      const queue = createPgBossBatchQueue({
        pool: (t.database as PostgresDatabase).pool,
        process: (batchId, taskId) => processStoredBatch(t.database.prisma, batchId, taskId),
        listPending: async () => [],
        onError: () => {},
        pollingIntervalSeconds: 1,
        maintenanceIntervalSeconds: 1,
      });
      await queue.start();
      try {
        await setAllowConnections(false);
        try {
          await terminateAll();
          await pause(2_500); // at least one maintenance run meets the outage
        } finally {
          await setAllowConnections(true);
        }
        for (;;) {
          const ready = await fetch(`${base}/readyz`);
          if (ready.status === 200) break;
          await pause(100);
        }
        // Background processing works again, whichever worker takes the job.
        const batch = newBatch();
        const stored = await request('POST', '/api/sync/upload/?async=true', batch.body);
        expect(stored.status).toBe(202);
        await t.app.batchQueue.drain();
        const receipt = await request('GET', `/api/sync/batches/${batch.batchId}/`);
        expect(await receipt.json()).toMatchObject({ status: 'applied' });
        expect(await batchRows(batch)).toEqual({ creates: BATCH_SIZE, applied: 1 });
        expect(processErrors).toEqual([]);
      } finally {
        await queue.stop();
      }
    }, 120_000);
  },
);

async function inParallel<T>(width: number, items: T[], work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/** GET /api/sync/events with fetch streaming; nextChange() resolves with the next change event. */
async function openEvents(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const nextBlock = async (): Promise<string> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return block;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  expect(await nextBlock()).toContain(': connected');
  return {
    async nextChange() {
      for (;;) {
        const block = await nextBlock();
        if (block.startsWith('event: change')) return block;
      }
    },
    close: () => controller.abort(),
  };
}
