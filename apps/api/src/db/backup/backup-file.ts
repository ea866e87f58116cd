import { PGlite } from '@electric-sql/pglite';
import { rename, writeFile } from 'node:fs/promises';

/** `healthsync-2026-12-05T21-30-00Z.<ext>`: sorts by time, no characters a shell minds. */
export const defaultBackupName = (extension: string, now = new Date()) =>
  `healthsync-${now.toISOString().slice(0, 19).replaceAll(':', '-')}Z.${extension}`;

/** Writes next to the target and renames: a backup file is whole or absent. */
export async function writeWhole(file: string, content: Uint8Array): Promise<void> {
  const partial = `${file}.partial`;
  await writeFile(partial, content, { mode: 0o600 });
  await rename(partial, file);
}

/** Loads an embedded-database backup into memory and counts what it holds: proof it restores. */
export async function inspectPgliteBackup(
  dump: Blob,
): Promise<{ migrations: number; patients: number; auditEntries: number }> {
  const pglite = await PGlite.create({ loadDataDir: dump });
  try {
    const [row] = (
      await pglite.query<{ migrations: number; patients: number; audit: number }>(
        `SELECT (SELECT count(*)::int FROM _prisma_migrations) AS migrations,
                (SELECT count(*)::int FROM patient) AS patients,
                (SELECT count(*)::int FROM audit_log) AS audit`,
      )
    ).rows;
    return { migrations: row!.migrations, patients: row!.patients, auditEntries: row!.audit };
  } finally {
    await pglite.close();
  }
}
