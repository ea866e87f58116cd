// Vitest global setup, once per project: the `pglite` project gets a migrated template database
// to clone per test file, the `postgres` and `replica` projects their owner role and a database
// name prefix.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../db/migrate';
import { defaultMigrationsDir } from '../db/migrations-folder';
import { withAdminClient } from './postgres-admin';
import type { PostgresTestRun } from './provided-context';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (project.name === 'postgres' || project.name === 'replica') {
    const run = await preparePostgresRun();
    project.provide('postgresTestRun', run);
    return () => dropDatabasesOfRun(run);
  }
  project.provide('pgliteTemplatePaths', await pgliteTemplates());
}

/**
 * Dumps of a new PGlite database before and after the migrations, cached under node_modules/.cache
 * by the content of the migrations and the PGlite version: loading one takes a fraction of the
 * time of initdb (+ migrations).
 */
async function pgliteTemplates(): Promise<{ empty: string; migrated: string }> {
  const cacheDir = path.join(apiDir, 'node_modules', '.cache', 'healthsync-test');
  const key = await templateKey();
  const paths = {
    empty: path.join(cacheDir, `pglite-empty-${key}.tar`),
    migrated: path.join(cacheDir, `pglite-migrated-${key}.tar`),
  };
  if (existsSync(paths.empty) && existsSync(paths.migrated)) return paths;

  await mkdir(cacheDir, { recursive: true });
  const pglite = await PGlite.create('memory://');
  try {
    await writeDump(pglite, paths.empty);
    await applyMigrations({ pglite });
    await writeDump(pglite, paths.migrated);
  } finally {
    await pglite.close();
  }
  return paths;
}

async function writeDump(pglite: PGlite, file: string): Promise<void> {
  const dump = await pglite.dumpDataDir('none');
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
  await rename(partial, file); // atomic, should two runs build the cache at once
}

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  const pglitePackage = path.join(
    apiDir,
    'node_modules',
    '@electric-sql',
    'pglite',
    'package.json',
  );
  hash.update(JSON.parse(await readFile(pglitePackage, 'utf8')).version as string);
  const migrationsDir = defaultMigrationsDir();
  for (const folder of (await readdir(migrationsDir)).sort()) {
    const file = path.join(migrationsDir, folder, 'migration.sql');
    if (existsSync(file)) hash.update(folder).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function preparePostgresRun(): Promise<PostgresTestRun> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('The postgres test project needs TEST_DATABASE_URL');
  const run: PostgresTestRun = {
    adminUrl,
    ownerRole: process.env.TEST_DATABASE_OWNER ?? 'healthsync_owner',
    ownerPassword: process.env.TEST_DATABASE_OWNER_PASSWORD ?? 'healthsync_owner',
    databasePrefix: `hs_test_${randomBytes(4).toString('hex')}_`,
  };
  await withAdminClient(adminUrl, async (admin) => {
    const role = pg.escapeIdentifier(run.ownerRole);
    const password = pg.escapeLiteral(run.ownerPassword);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
      run.ownerRole,
    ]);
    if (!rowCount) {
      await admin
        .query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42710') throw error; // created meanwhile by a concurrent run
        });
    }
    // Migrations must work for an owner without superuser rights (docs/security.md#deployment).
    const { rows } = await admin.query<{ rolsuper: boolean }>(
      'SELECT rolsuper FROM pg_roles WHERE rolname = $1',
      [run.ownerRole],
    );
    if (rows[0]?.rolsuper)
      throw new Error(`Test database owner ${run.ownerRole} must not be a superuser`);
  });
  return run;
}

async function dropDatabasesOfRun(run: PostgresTestRun): Promise<void> {
  await withAdminClient(run.adminUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'",
      [run.databasePrefix],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
  });
}
