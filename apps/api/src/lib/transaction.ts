import type { Db, PrismaClient } from '../db/prisma';

/**
 * Runs fn in one interactive transaction. Inside it use only `tx`: on PGlite every query shares one
 * session, so a query on the outer client would wait for this transaction forever.
 */
export function inTransaction<T>(prisma: PrismaClient, fn: (tx: Db) => Promise<T>): Promise<T> {
  return prisma.$transaction(fn, { maxWait: 30_000, timeout: 60_000 });
}

/** Locks one row of a synced table until commit, so read-check-write sequences don't race. */
export async function lockRow(tx: Db, table: string, id: string): Promise<boolean> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
  const rows = await tx.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM "${table}" WHERE id = $1::uuid FOR UPDATE`,
    id,
  );
  return rows.length > 0;
}
