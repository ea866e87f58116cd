import { ident, type SqlSession } from './sql-session';

const ROWS_PER_CHUNK = 2_000;

/**
 * Copies every row of `table` from `source` into the same table of `target`, column for column,
 * in chunks (each row travels as JSON: timestamps with their offset and µs, bigints and JSON
 * columns exactly). Reads in physical order (ctid), which is stable because nothing else writes
 * the source meanwhile (its data-directory lock is held). Returns the number of rows copied.
 */
export async function copyTable(
  source: SqlSession,
  target: SqlSession,
  table: string,
): Promise<number> {
  let after = '(0,0)';
  let copied = 0;
  for (;;) {
    const chunk = await source.query<{ ctid: string; row: string }>(
      `SELECT t.ctid::text AS ctid, row_to_json(t)::text AS row FROM ${ident(table)} AS t
        WHERE t.ctid > $1::tid ORDER BY t.ctid LIMIT ${ROWS_PER_CHUNK}`,
      [after],
    );
    if (chunk.length === 0) return copied;
    await target.query(
      `INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`,
      [`[${chunk.map((r) => r.row).join(',')}]`],
    );
    copied += chunk.length;
    after = chunk.at(-1)!.ctid;
  }
}
