import type { PGlite } from '@electric-sql/pglite';

/**
 * A consistent copy of a live PGlite database, as a gzipped tarball of its data directory (what
 * `PGlite.create({ loadDataDir })` loads). It is taken inside a transaction: PGlite runs one
 * transaction at a time, so no other query or transaction runs meanwhile and no write is half done;
 * the CHECKPOINT first writes every committed change into the data files. Requests wait for the
 * few seconds it takes.
 */
export async function dumpPglite(pglite: PGlite): Promise<Blob> {
  let dump: Blob | undefined;
  await pglite.transaction(async (tx) => {
    await tx.query('CHECKPOINT');
    dump = await pglite.dumpDataDir('gzip');
  });
  return dump!;
}
