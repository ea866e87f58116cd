import { ident, type SqlSession } from './sql-session';

/** The tables of the application schema, parents before the tables that reference them. */
export async function listTables(session: SqlSession): Promise<string[]> {
  const tables = (
    await session.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
        ORDER BY c.relname`,
    )
  ).map((row) => row.name);
  const references = await session.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`,
  );
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new Error(`Foreign keys form a cycle: ${path.join(' → ')}`);
    for (const { child, parent } of references)
      if (child === table) visit(parent, [...path, table]);
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

/** Migrations recorded as applied, by name. */
export async function appliedMigrations(session: SqlSession): Promise<string[]> {
  const rows = await session.query<{ name: string }>(
    `SELECT migration_name AS name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.name);
}

/** Tables of the public schema that hold rows (the change clock counts once it has moved). */
export async function nonEmptyTables(session: SqlSession, tables: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const table of tables) {
    const [row] = await session.query<{ used: boolean }>(
      table === 'sync_clock'
        ? `SELECT EXISTS (SELECT 1 FROM sync_clock WHERE last <> 'epoch'::timestamptz) AS used`
        : `SELECT EXISTS (SELECT 1 FROM ${ident(table)}) AS used`,
    );
    if (row?.used) found.push(table);
  }
  return found;
}

/** Sequences of the public schema (BIGSERIAL ids) and where they stand. */
export async function sequencePositions(
  session: SqlSession,
): Promise<{ name: string; lastValue: string | null }[]> {
  const rows = await session.query<{ name: string; last_value: string | null }>(
    `SELECT sequencename AS name, last_value::text AS last_value FROM pg_sequences
      WHERE schemaname = 'public' ORDER BY sequencename`,
  );
  return rows.map((row) => ({ name: row.name, lastValue: row.last_value }));
}
