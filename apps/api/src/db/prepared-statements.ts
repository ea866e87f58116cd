import { createHash } from 'node:crypto';

const MARK = '/* prepared */ ';

/**
 * Marks a hot raw query (a sync page, a bulk write) to be prepared once per PostgreSQL connection
 * instead of parsed on every call (with a generic plan, planned once too): the feed's page query is
 * ~7 KB of SQL, and planning it took 2–5 ms, a third of running a 500-row page. Only marked queries are named, so the statements a
 * connection keeps stay few (Prisma's own queries vary with their IN lists). PGlite ignores it.
 * Behind a pooler, use one that supports protocol-level prepared statements (PgBouncer ≥ 1.21).
 */
export const prepared = (sql: string): string => MARK + sql;

/** adapter-pg's `statementNameGenerator`: a name for a marked query, none for the rest. */
export function preparedStatementName(query: { sql: string }): string {
  if (!query.sql.startsWith(MARK)) return undefined as unknown as string; // unnamed: not cached
  return `hs_${createHash('sha1').update(query.sql).digest('base64url')}`;
}
