// `pnpm db:migrate`: applies pending migrations to DATABASE_URL (PostgreSQL) when it is set,
// otherwise to the embedded PGlite database in DATA_DIR (default ./data), where the server keeps it.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { cliDatabase } from '../../cli/env';
import { lockDataDir } from '../data-dir-lock';
import { applyMigrations } from '../migrate';

const log = (message: string) => console.log(message);

async function main(): Promise<void> {
  const target = cliDatabase();
  const applied =
    target.kind === 'postgres'
      ? await applyMigrations({ databaseUrl: target.databaseUrl }, { log })
      : await migratePglite(target.pgliteDir);
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
