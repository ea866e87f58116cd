// The bench dataset's FHIR forms are valid R4 (issue 18's proof), checked in CI: the dataset at a
// small scale loaded into PostgreSQL, the built API on it, the facility exported as W8 does, and
// every NDJSON line through Medplum's validator. Runs where TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const testDatabaseUrl = process.env.TEST_DATABASE_URL;

test(
  "every line of the bench facility's FHIR export is valid R4",
  { skip: !testDatabaseUrl && 'TEST_DATABASE_URL is not set', timeout: 300_000 },
  async () => {
    const admin = new URL(testDatabaseUrl);
    admin.pathname = '/postgres';
    process.env.BENCH_PG_ADMIN_URL ??= admin.toString();
    const { recreateDatabase, dropDatabase, dbUrl, loadDataset } = await import('./pg-load.mjs');
    const { generateDataset } = await import('./dataset.mjs');
    const { startApi, freePort, signIn } = await import('./procs.mjs');
    const { exportOnce, invalidLines } = await import('./w8.mjs');

    const name = 'healthsync_bench_w8_test';
    await recreateDatabase(name);
    const port = await freePort();
    const api = await startApi({ databaseUrl: dbUrl(name), port });
    try {
      const dataset = generateDataset({ scale: 0.05 });
      await loadDataset(dbUrl(name), dataset);
      const base = `http://127.0.0.1:${port}`;
      const { access } = await signIn(base, 'worker');
      const exported = await exportOnce(base, access);
      const { checked, problems } = await invalidLines(exported.files);
      assert.equal(checked, exported.resources);
      assert.ok(checked >= dataset.patients.length + dataset.observations.length);
      assert.deepEqual(problems, []);
    } finally {
      await api.stop();
      await dropDatabase(name);
    }
  },
);
