import { ident, type SqlSession } from './sql-session';

export type TableChecksum = { rows: number; checksum: string };

/**
 * Sets what a row's text looks like, so that both databases print a row alike: the same query on
 * each side then gives the same checksum for the same rows.
 */
export async function normalizeRowText(session: SqlSession): Promise<void> {
  await session.query(`SET TimeZone TO 'UTC'`);
  await session.query(`SET DateStyle TO 'ISO, YMD'`);
  await session.query(`SET IntervalStyle TO 'iso_8601'`);
  await session.query(`SET extra_float_digits TO 3`);
}

/**
 * Row count and an md5 over the md5 of every row's text, taken in the order of those hashes
 * (byte order, so neither side's collation matters): equal on two databases exactly when both
 * hold the same rows, every column the same.
 */
export async function tableChecksum(session: SqlSession, table: string): Promise<TableChecksum> {
  const [row] = await session.query<{ rows: string; checksum: string | null }>(
    `SELECT count(*)::text AS rows, md5(string_agg(h, '' ORDER BY h COLLATE "C")) AS checksum
       FROM (SELECT md5(t::text) AS h FROM ${ident(table)} AS t) AS hashed`,
  );
  return { rows: Number(row?.rows ?? 0), checksum: row?.checksum ?? '' };
}
