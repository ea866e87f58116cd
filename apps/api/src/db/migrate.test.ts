import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/test-database';
import type { TestDatabase } from '../test/test-database';
import { applyMigrations } from './migrate';
import { defaultMigrationsDir } from './migrations-folder';

const migrationsDir = defaultMigrationsDir();

async function migrationFolders(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

describe('applyMigrations on an empty database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(() => database?.close());

  it('applies every migration, then nothing on a second run', async () => {
    expect(await applyMigrations(database.migrationTarget)).toEqual(await migrationFolders());
    expect(await applyMigrations(database.migrationTarget)).toEqual([]);
  });

  it('records the checksums prisma migrate deploy would (sha256 of migration.sql)', async () => {
    const rows = await database.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    const expected = await Promise.all(
      (await migrationFolders()).map(async (folder) => ({
        migration_name: folder,
        checksum: createHash('sha256')
          .update(await readFile(path.join(migrationsDir, folder, 'migration.sql')))
          .digest('hex'),
        finished_at: expect.any(Date),
      })),
    );
    expect(rows).toEqual(expected);
  });

  it('creates the schema, the change clock row and the triggers', async () => {
    const clocks = await database.query<{ partition: string }>(
      'SELECT "partition" FROM sync_clock',
    );
    expect(clocks).toEqual([{ partition: '' }]); // the directory's; facilities' come with their first write
    const triggers = await database.query<{ tgname: string }>(
      "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%stamp_change' ORDER BY tgname",
    );
    expect(triggers).toHaveLength(7);
  });
});

describe('applyMigrations with a failing migration', () => {
  let database: TestDatabase;
  let brokenMigrationsDir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    brokenMigrationsDir = await mkdtemp(path.join(tmpdir(), 'healthsync-migrations-'));
    await cp(migrationsDir, brokenMigrationsDir, { recursive: true });
    const broken = path.join(brokenMigrationsDir, '99990101000000_broken');
    await mkdir(broken);
    await writeFile(
      path.join(broken, 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT no_such_column FROM patient;\n',
    );
  });
  afterAll(async () => {
    await database?.close();
    await rm(brokenMigrationsDir, { recursive: true, force: true });
  });

  it('fails loudly, leaves nothing of the migration and refuses later runs', async () => {
    await expect(
      applyMigrations(database.migrationTarget, { migrationsDir: brokenMigrationsDir }),
    ).rejects.toThrow(/99990101000000_broken/);
    const halfDone = await database.query("SELECT 1 FROM pg_class WHERE relname = 'half_done'");
    expect(halfDone).toEqual([]);
    const [record] = await database.query<{ finished_at: Date | null }>(
      "SELECT finished_at FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'",
    );
    expect(record).toEqual({ finished_at: null });
    await expect(
      applyMigrations(database.migrationTarget, { migrationsDir: brokenMigrationsDir }),
    ).rejects.toThrow(/failed migrations/);
  });
});
