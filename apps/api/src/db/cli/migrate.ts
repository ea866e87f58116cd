// `pnpm db:migrate`: applies pending migrations to DATABASE_URL (PostgreSQL) when it is set,
// otherwise to the embedded PGlite database in DATA_DIR (default ./data), where the server keeps it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from '../data-dir-lock';
import { applyMigrations } from '../migrate';
import { embeddedDatabaseDir } from '../open-database';

const log = (message: string) => console.log(message);

// A script, not the server: it reads only these two variables, and doesn't need the server's
// other settings (loadEnv would demand JWT_SECRET in production).
// eslint-disable-next-line no-restricted-properties
const { DATABASE_URL, DATA_DIR } = process.env;

async function main(): Promise<void> {
  const databaseUrl = DATABASE_URL;
  const applied = databaseUrl
    ? await applyMigrations({ databaseUrl }, { log })
    : await migratePglite(pgliteDataDir());
  console.log(
    applied.length ? `${applied.length} migration(s) applied.` : 'Database is up to date.',
  );
}

async function migratePglite(dataDir: string): Promise<string[]> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  try {
    console.log(`Migrating PGlite at ${dataDir}`);
    const pglite = await PGlite.create(dataDir);
    try {
      return await applyMigrations({ pglite }, { log });
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

function pgliteDataDir(): string {
  return embeddedDatabaseDir(path.resolve(DATA_DIR ?? './data'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
