// W7 end to end at a tiny size (3 facilities × 40 patients, writer runs of one second): the built
// API on PostgreSQL, both instances, every measurement taken, the targets' table judging W7 — and
// the workload's own accounting checked against the database: every patient it counted as
// uploaded is there, in a bench facility. Runs where TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const testDatabaseUrl = process.env.TEST_DATABASE_URL;

test(
  'W7 loads, reads, writes on one and two instances, and counts what it wrote',
  { skip: !testDatabaseUrl && 'TEST_DATABASE_URL is not set', timeout: 300_000 },
  async () => {
    const admin = new URL(testDatabaseUrl);
    admin.pathname = '/postgres';
    process.env.BENCH_PG_ADMIN_URL ??= admin.toString();
    const { dropDatabase, dbUrl } = await import('./pg-load.mjs');
    const { runW7, WRITER_COUNTS, readMilestones } = await import('./w7.mjs');
    const { targetRows } = await import('./targets.mjs');
    const pg = (await import('pg')).default;

    const database = 'healthsync_bench_w7_test';
    const [facilities, patients, rounds] = [3, 40, 1];
    try {
      const { result, rows } = await runW7({
        size: `${facilities}x${patients}`,
        rounds,
        page: 500,
        seconds: 1,
        log: () => {},
        keepDb: true,
        database,
      });
      const milestones = readMilestones(facilities);
      assert.deepEqual(Object.keys(result.reads).map(Number), milestones);
      for (const instances of [1, 2])
        for (const clients of WRITER_COUNTS) {
          const w = result.writers[instances][clients];
          assert.ok(w.changes > 0 && w.changes === w.uploads * 20, `${instances}/${clients}`);
          assert.ok(Number.isFinite(w.lockWaitShare) && w.lockSamples > 0);
        }
      assert.equal(rows.length, 3 * milestones.length + 2 * WRITER_COUNTS.length);

      const written = Object.values(result.writers)
        .flatMap((byClients) => Object.values(byClients))
        .reduce((sum, w) => sum + w.changes, 0);
      const readerUploads = 5 * Math.max(rounds, 5) * milestones.length;
      const sql = new pg.Client({ connectionString: dbUrl(database) });
      await sql.connect();
      try {
        const { rows: counted } = await sql.query(
          `SELECT count(*)::int AS n FROM patient p JOIN facility f ON f.id = p.facility_id
           WHERE f.district = 'Bench'`,
        );
        assert.equal(counted[0].n, facilities * patients + readerUploads + written);
      } finally {
        await sql.end();
      }

      const judged = targetRows({ W7: result }, { scale: 1 });
      assert.deepEqual(
        judged.map(([target, status]) => (target.startsWith('W7') ? status !== 'not run' : status)),
        judged.map(([target]) => (target.startsWith('W7') ? true : 'not run')),
      );
    } finally {
      await dropDatabase(database);
    }
  },
);
