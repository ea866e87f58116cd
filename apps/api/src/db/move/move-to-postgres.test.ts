// `pnpm db:move-to-postgres` (run as a child process) moves a clinic's embedded database to an empty
// PostgreSQL database, and a phone that synced against the embedded server carries on against the
// PostgreSQL one with an incremental pull: no resync, nothing missed, nothing repeated.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed-demo';
import { callApi, newPhone, signInOver, type Phone } from '../../test/phone';
import { runCli } from '../../test/run-cli';
import { serveApp } from '../../test/serve-app';
import {
  createTestDatabase,
  pgliteTemplateDump,
  testDatabaseKind,
  type TestDatabase,
} from '../../test/test-database';
import { embeddedDatabaseDir, openDatabase, type Database } from '../open-database';

/** Tables whose every row must arrive exactly as it was (stamps, versions, times). */
const COMPARED = [
  'patient',
  'appointment',
  'audit_log',
  'sync_clock',
  'sync_purge',
  'sync_batch',
  'sync_change_key',
  'sync_conflict',
  'sync_device',
  'refresh_token',
  'app_user',
];

async function rowsAsText(query: Database['query'], table: string): Promise<string[]> {
  await query(`SET TimeZone TO 'UTC'`);
  const rows = await query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t ORDER BY 1`);
  return rows.map((r) => r.row);
}

const newPatient = (name: string) => ({ name, gender: 'F', dob: '1990-04-01' });

// The target is PostgreSQL: this runs in the postgres project.
describe.runIf(testDatabaseKind === 'postgres')(
  'pnpm db:move-to-postgres',
  { timeout: 300_000 },
  () => {
    let dataDir: string;
    let target: TestDatabase;
    let targetUrl: string;
    let phone: Phone;
    let cursorBeforeMove: string;
    const missed: string[] = [];

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'healthsync-move-'));
      target = await createTestDatabase({ migrated: false });
      targetUrl = (target.migrationTarget as { databaseUrl: string }).databaseUrl;

      // A clinic on the embedded database: demo data, a phone that synced, edits, a conflict.
      const embedded = await openDatabase({
        dataDir: embeddedDatabaseDir(dataDir),
        loadDump: await pgliteTemplateDump(),
      });
      await seedDemo(embedded.prisma);
      const server = await serveApp(embedded);
      try {
        phone = await newPhone(server.url, 'worker');
        await phone.sync();
        await phone.client.patients.create(newPatient('Asha Kamble'));
        await phone.sync();

        const doctor = (await signInOver(server.url, 'doctor', 'doctor-demo')).access;
        const [ramesh] = (await phone.client.patients.search('Ramesh')).map((row) => row.id);
        await phone.client.patients.update(ramesh!, { address: 'Near the well, Warna' });
        await callApi(server.url, doctor, 'PATCH', `/api/patients/${ramesh}/`, {
          address: 'Behind the school, Warna',
        });
        const [record] = await phone.ids('records');
        await callApi(server.url, doctor, 'DELETE', `/api/records/${record}/`); // a tombstone
        await phone.sync(); // uploads the stale edit (a conflict) and pulls everything
        expect((await phone.client.listConflicts('open')).length).toBe(1);
        cursorBeforeMove = phone.requests
          .filter((r) => r.path.startsWith('/api/sync/download') && r.next)
          .at(-1)!.next!;

        // Written after the phone's last pull: it must reach the phone after the move.
        missed.push(
          (await callApi(server.url, doctor, 'POST', '/api/patients/', newPatient('Meena Shinde')))
            .id,
        );
        await phone.client.close();
      } finally {
        await server.close();
        await embedded.close();
      }
    });
    afterAll(async () => {
      await target?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('copies every table into the empty database and verifies each one', async () => {
      const moved = await runCli('src/db/cli/move-to-postgres.ts', [
        '--from',
        dataDir,
        '--to',
        targetUrl,
      ]);
      expect(moved.stderr).toBe('');
      expect(moved.code).toBe(0);
      expect(moved.stdout).toMatch(/audit_log: [1-9]\d* rows/);
      expect(moved.stdout).toMatch(/sync_change_key: [1-9]\d* rows/);
      expect(moved.stdout).toMatch(
        /Verified: \d+ tables, \d+ rows; row counts and checksums are equal/,
      );

      const embedded = await openDatabase({ dataDir: embeddedDatabaseDir(dataDir) });
      const client = new pg.Client({ connectionString: targetUrl });
      await client.connect();
      try {
        const targetQuery = (async <Row>(sql: string, params?: unknown[]) =>
          (await client.query(sql, params)).rows as Row[]) as Database['query'];
        for (const table of COMPARED) {
          const source = await rowsAsText(embedded.query.bind(embedded), table);
          expect(source.length, table).toBeGreaterThan(table === 'sync_purge' ? -1 : 0);
          expect(await rowsAsText(targetQuery, table), table).toEqual(source);
        }
        // The copied audit log is still append-only, and the stamps are live again.
        await expect(client.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(
          /append-only/,
        );
        const [trigger] = (
          await client.query<{ enabled: string }>(
            `SELECT tgenabled AS enabled FROM pg_trigger WHERE tgname = 'patient_stamp_change'`,
          )
        ).rows;
        expect(trigger?.enabled).toBe('O');
      } finally {
        await client.end();
        await embedded.close();
      }
    });

    it('lets the phone continue with an incremental pull, and upload', async () => {
      const database = await openDatabase({ databaseUrl: targetUrl });
      const server = await serveApp(database);
      try {
        const doctor = (await signInOver(server.url, 'doctor', 'doctor-demo')).access;
        missed.push(
          (await callApi(server.url, doctor, 'POST', '/api/patients/', newPatient('Kavita More')))
            .id,
        );

        const seen = phone.requests.length;
        await phone.reopen(server.url);
        await phone.sync();
        const after = phone.requests.slice(seen);
        expect(after.filter((r) => r.status === 410)).toEqual([]);
        const downloads = after.filter((r) => r.path.startsWith('/api/sync/download'));
        expect(downloads[0]!.since).toBe(cursorBeforeMove);
        // Exactly the two rows written since its last pull: nothing missed, nothing repeated.
        expect(downloads.flatMap((r) => r.received ?? []).sort()).toEqual([...missed].sort());

        const created = await phone.client.patients.create(newPatient('Lata Pawar'));
        await phone.sync();
        const stored = await database.prisma.patient.findUnique({ where: { id: created.id } });
        expect(stored?.name).toBe('Lata Pawar');
        expect(phone.client.status.getSnapshot().pendingCount).toBe(0);

        // What the phone holds is what a new phone downloads from the PostgreSQL deployment.
        const fresh = await newPhone(server.url, 'worker');
        await fresh.sync();
        for (const table of ['patients', 'appointments', 'records'] as const)
          expect(await phone.ids(table), table).toEqual(await fresh.ids(table));
        await fresh.close();
      } finally {
        await phone.close();
        await server.close();
        await database.close();
      }
    });

    it('refuses a database that is not empty', async () => {
      const again = await runCli('src/db/cli/move-to-postgres.ts', [
        '--from',
        dataDir,
        '--to',
        targetUrl,
      ]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/The target database is not empty: .*app_user/);
    });
  },
);
