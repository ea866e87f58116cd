import type { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { defaultMigrationsDir, readMigrationsFolder } from './migrations-folder';
import { pgliteMigrationAdapterFactory } from './pglite-adapter';
import { createPostgresPool, postgresMigrationAdapterFactory } from './postgres-adapter';
import { withSchemaEngine } from './schema-engine';

export type MigrationTarget = { pglite: PGlite } | { databaseUrl: string };

export interface ApplyMigrationsOptions {
  /** Defaults to apps/api/prisma/migrations. */
  migrationsDir?: string;
  log?: (message: string) => void;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Applies the pending migrations, like `prisma migrate deploy`: same `_prisma_migrations` table,
 * same checksums. Returns the names of the migrations it applied (empty when up to date).
 */
export async function applyMigrations(
  target: MigrationTarget,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const migrationsList = await readMigrationsFolder(
    options.migrationsDir ?? defaultMigrationsDir(),
  );
  const { appliedMigrationNames } = await withMigrationAdapter(target, (adapterFactory) =>
    withSchemaEngine(adapterFactory, {}, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    ),
  ).catch((error: unknown) => {
    // The engine's message names the failing migration and the database error.
    throw new Error(`Applying migrations failed: ${(error as Error).message}`, { cause: error });
  });
  for (const name of appliedMigrationNames) options.log?.(`Applied migration ${name}`);
  return appliedMigrationNames;
}

async function withMigrationAdapter<T>(
  target: MigrationTarget,
  work: (adapterFactory: ReturnType<typeof bindMigrationAwareSqlAdapterFactory>) => Promise<T>,
): Promise<T> {
  if ('pglite' in target) return work(bind(pgliteMigrationAdapterFactory(target.pglite)));
  const pool = createPostgresPool(target.databaseUrl, { max: 1 });
  try {
    return await work(bind(postgresMigrationAdapterFactory(pool)));
  } finally {
    await pool.end();
  }
}

function bind(factory: SqlMigrationAwareDriverAdapterFactory) {
  return bindMigrationAwareSqlAdapterFactory(factory);
}
