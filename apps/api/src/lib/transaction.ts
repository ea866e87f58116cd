import type { Db, PrismaClient } from '../db/prisma';

/**
 * Runs fn in one interactive transaction. Inside it use only `tx`: on PGlite every query shares one
 * session, so a query on the outer client would wait for this transaction forever.
 */
export function inTransaction<T>(prisma: PrismaClient, fn: (tx: Db) => Promise<T>): Promise<T> {
  return prisma.$transaction(fn, { maxWait: 30_000, timeout: 60_000 });
}

/** Rows a caller may lock: only those whose `column` holds `equals` (null: none at all). */
export type LockFilter = { column: string; equals: string | null };

const NAME = /^[a-z_]+$/;

/**
 * Locks one row until commit, so read-check-write sequences don't race, and says whether it did.
 * With a filter, a row outside it is neither locked nor waited for: a caller cannot hold up
 * another facility's writers, nor learn from the wait that a row exists. The caller's own check
 * (a 404 as if the row did not exist) follows.
 */
export async function lockRow(
  tx: Db,
  table: string,
  id: string,
  filter?: LockFilter,
): Promise<boolean> {
  if (!NAME.test(table) || (filter && !NAME.test(filter.column)))
    throw new Error(`bad table or column name ${table}`);
  const rows = filter
    ? await tx.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM "${table}" WHERE id = $1::uuid AND "${filter.column}" = $2::uuid FOR UPDATE`,
        id,
        filter.equals,
      )
    : await tx.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM "${table}" WHERE id = $1::uuid FOR UPDATE`,
        id,
      );
  return rows.length > 0;
}
