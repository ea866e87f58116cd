import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureMigrationLockfile, readMigrationsFolder } from './migrations-folder';
import { pgliteMigrationAdapterFactory } from './pglite-adapter';
import { withSchemaEngine } from './schema-engine';

export interface CreateMigrationOptions {
  schemaPath: string;
  migrationsDir: string;
  /** Folder suffix, e.g. `add_visits`. */
  name: string;
  now?: Date;
}

/**
 * Writes `<timestamp>_<name>/migration.sql` with the SQL that takes the database from the
 * migrations folder's state to the schema, replaying the folder on an in-memory PGlite as the
 * shadow database. Returns the new folder's path, or null when the schema has no changes.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(options.name))
    throw new Error(`Migration name must match [a-z0-9_]+, got "${options.name}"`);
  await mkdir(options.migrationsDir, { recursive: true });
  await ensureMigrationLockfile(options.migrationsDir);

  const script = await diffSchemaAgainstMigrations(options.schemaPath, options.migrationsDir);
  if (script === null) return null;

  const folder = path.join(
    options.migrationsDir,
    `${migrationTimestamp(options.now ?? new Date())}_${options.name}`,
  );
  if (existsSync(folder)) throw new Error(`${folder} already exists`);
  await mkdir(folder);
  await writeFile(path.join(folder, 'migration.sql'), script);
  return folder;
}

async function diffSchemaAgainstMigrations(
  schemaPath: string,
  migrationsDir: string,
): Promise<string | null> {
  const schemaFiles = [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }];
  const migrationsList = await readMigrationsFolder(migrationsDir);
  const scratch = await PGlite.create('memory://');
  try {
    const adapterFactory = bindMigrationAwareSqlAdapterFactory(
      pgliteMigrationAdapterFactory(scratch),
    );
    const { exitCode, stdout } = await withSchemaEngine(adapterFactory, { schemaFiles }, (engine) =>
      engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: schemaFiles },
        script: true,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
    // With exitCode requested the engine answers 2 when there is a difference, 0 when none.
    return exitCode === 2 && stdout ? stdout : null;
  } finally {
    await scratch.close();
  }
}

/** `YYYYMMDDHHMMSS` in UTC, as Prisma names migration folders. */
function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
