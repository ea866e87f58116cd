import type { SyncStore } from './sync-store';
import { TABLE_NAMES } from './tables';

/**
 * Copies a database written before encryption into the sealed one, whole, in one write: rows,
 * outbox, conflicts, cursor and device id, so unsynced work survives. Marked in the sealed store,
 * so a copy interrupted before the plain database was deleted is not repeated over newer work.
 * Resolves true when it copied (the caller then deletes the plain database).
 */
export async function copyPlainStore(plain: SyncStore, sealed: SyncStore): Promise<boolean> {
  if (await sealed.read((tx) => tx.getMeta('copiedFromPlainAt'))) return false;
  const tables = await plain.read((tx) =>
    Promise.all(TABLE_NAMES.map(async (table) => ({ table, rows: await tx.getAll(table) }))),
  );
  await sealed.write(async (tx) => {
    for (const { table, rows } of tables) {
      for (const row of rows) await tx.put(table, row as never);
    }
    await tx.setMeta('copiedFromPlainAt', Date.now());
  });
  return true;
}
