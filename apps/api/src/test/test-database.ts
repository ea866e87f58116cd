// Test databases: each test file gets a fresh, migrated, empty database of the kind its vitest
// project runs on (HEALTHSYNC_TEST_DB, set in vitest.config.ts).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { applyMigrations } from '../db/migrate';
import type { MigrationTarget } from '../db/migrate';
import { IN_MEMORY_DATA_DIR, openDatabase } from '../db/open-database';
import type { Database } from '../db/open-database';
import { withAdminClient } from './postgres-admin';
import { replicaRun, replicaUrlOf } from './replica';
import type { PostgresTestRun } from './provided-context';
import './provided-context';

export type TestDatabaseKind = Database['kind'];

export const testDatabaseKind: TestDatabaseKind =
  process.env.HEALTHSYNC_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export type TestDatabase = Database & {
  /** The same database as a target for `applyMigrations`. */
  readonly migrationTarget: MigrationTarget;
  /** In a replica run (test/replica.ts): the same database on the streaming replica. */
  readonly replicaUrl?: string;
};

export interface TestDatabaseOptions {
  /** `false` gives a database without any migration applied (default true). */
  migrated?: boolean;
}

/**
 * A fresh database with every migration applied and no rows; `close()` also deletes it. Call it
 * once per file (beforeAll). On PGlite it is an in-memory clone of a template made by the global
 * setup; on PostgreSQL a new database owned by a non-superuser role that ran the migrations.
 */
export function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  return testDatabaseKind === 'postgres'
    ? createPostgresTestDatabase(migrated)
    : createPgliteTestDatabase(migrated);
}

/** The migrated PGlite template as a `dumpDataDir()` tarball (e.g. for `openDatabase({ loadDump })`). */
export async function pgliteTemplateDump(which: 'empty' | 'migrated' = 'migrated'): Promise<Blob> {
  return new Blob([await readFile(inject('pgliteTemplatePaths')[which])]);
}

async function createPgliteTestDatabase(migrated: boolean): Promise<TestDatabase> {
  const database = await openDatabase({
    dataDir: IN_MEMORY_DATA_DIR,
    loadDump: await pgliteTemplateDump(migrated ? 'migrated' : 'empty'),
  });
  if (database.kind !== 'pglite') throw new Error('expected a PGlite database');
  return Object.assign(database, { migrationTarget: { pglite: database.pglite } });
}

async function createPostgresTestDatabase(migrated: boolean): Promise<TestDatabase> {
  const run = inject('postgresTestRun');
  const name = `${run.databasePrefix}${randomBytes(6).toString('hex')}`;
  await withAdminClient(run.adminUrl, (admin) =>
    admin.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${pg.escapeIdentifier(run.ownerRole)}`,
    ),
  );
  const dropDatabase = () =>
    withAdminClient(run.adminUrl, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
    );
  try {
    const databaseUrl = ownerUrl(run, name);
    if (migrated) await applyMigrations({ databaseUrl });
    const database = await openDatabase({ databaseUrl });
    const closeConnections = database.close.bind(database);
    return Object.assign(database, {
      migrationTarget: { databaseUrl },
      ...(replicaRun && { replicaUrl: replicaUrlOf(databaseUrl) }),
      async close() {
        try {
          await closeConnections();
        } finally {
          await dropDatabase();
        }
      },
    });
  } catch (error) {
    await dropDatabase();
    throw error;
  }
}

function ownerUrl(run: PostgresTestRun, databaseName: string): string {
  const url = new URL(run.adminUrl);
  url.username = encodeURIComponent(run.ownerRole);
  url.password = encodeURIComponent(run.ownerPassword);
  url.pathname = `/${encodeURIComponent(databaseName)}`;
  return url.toString();
}
