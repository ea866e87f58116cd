import type pg from 'pg';
import type { Database } from '../open-database';

/** One SQL session, PGlite's or a PostgreSQL connection, as the copy reads and writes it. */
export type SqlSession = {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
};

export const sessionOf = (database: Database): SqlSession => ({
  query: (sql, params) => database.query(sql, params),
});

export const sessionOfClient = (client: pg.Client): SqlSession => ({
  async query<Row>(sql: string, params: unknown[] = []) {
    return (await client.query(sql, params)).rows as Row[];
  },
});

/** Quotes an identifier read from the catalog. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
