import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client';
import { lockDataDir } from './data-dir-lock';
import type { DataDirLock } from './data-dir-lock';
import { applyMigrations } from './migrate';
import { createPostgresPool } from './postgres-adapter';
import { preparedStatementName } from './prepared-statements';

export { DataDirectoryLockedError } from './data-dir-lock';

export const IN_MEMORY_DATA_DIR = 'memory://';

/** Where the embedded database lives inside the app's DATA_DIR (server and `pnpm db:migrate`). */
export function embeddedDatabaseDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string. When absent, the embedded PGlite at `dataDir` is used. */
  databaseUrl?: string;
  /** PGlite data directory (default `./data`), or `memory://` for a throwaway database. */
  dataDir?: string;
  /** Apply pending migrations before returning. */
  migrate?: boolean;
  /** PGlite only: start from this `dumpDataDir()` tarball instead of an empty cluster. */
  loadDump?: Blob;
  log?: (message: string) => void;
}

interface DatabaseBase {
  readonly prisma: PrismaClient;
  /**
   * Raw SQL outside Prisma. On PGlite it shares Prisma's single session: never call it while a
   * Prisma interactive transaction is open, or the process waits on itself.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export type PgliteDatabase = DatabaseBase & { readonly kind: 'pglite'; readonly pglite: PGlite };
/** `pool` is the pool behind Prisma, e.g. for a dedicated LISTEN connection. */
export type PostgresDatabase = DatabaseBase & { readonly kind: 'postgres'; readonly pool: pg.Pool };
export type Database = PgliteDatabase | PostgresDatabase;

export function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(
  databaseUrl: string,
  options: OpenDatabaseOptions,
): Promise<PostgresDatabase> {
  if (options.migrate) await applyMigrations({ databaseUrl }, { log: options.log });
  const pool = createPostgresPool(databaseUrl);
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { statementNameGenerator: preparedStatementName }),
  });
  return {
    kind: 'postgres',
    prisma,
    pool,
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as Row[];
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(options: OpenDatabaseOptions): Promise<PgliteDatabase> {
  const dataDir = options.dataDir ?? './data';
  const inMemory = dataDir.startsWith(IN_MEMORY_DATA_DIR);
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    // PGlite's own mkdir is not recursive.
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  }
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create({
      dataDir,
      ...(options.loadDump && { loadDataDir: options.loadDump }),
    });
    if (options.migrate) await applyMigrations({ pglite }, { log: options.log });
  } catch (error) {
    await pglite?.close().catch(() => {});
    lock?.release();
    throw error;
  }
  const instance = pglite;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(instance) });
  return {
    kind: 'pglite',
    prisma,
    pglite: instance,
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await instance.query<Row>(sql, params)).rows;
    },
    async close() {
      try {
        await prisma.$disconnect();
        await instance.close();
      } finally {
        lock?.release();
      }
    },
  };
}
