import pg from 'pg';
import { CliError } from '../../cli/run-command';
import { applyMigrations } from '../migrate';
import type { Database } from '../open-database';
import { copyTable } from './copy-table';
import { appliedMigrations, listTables, nonEmptyTables, sequencePositions } from './schema-tables';
import { ident, sessionOf, sessionOfClient, type SqlSession } from './sql-session';
import { normalizeRowText, tableChecksum, type TableChecksum } from './table-checksum';

export type MovedTable = { table: string } & TableChecksum;

/** The target is not a database the move may fill: printed to the operator as is. */
export class MoveRefusedError extends CliError {
  override name = 'MoveRefusedError';
}

/**
 * Copies an embedded database into an empty PostgreSQL database: migrates the target, copies every
 * table (audit log, idempotency keys, conflicts, devices, the change clock and purge watermark
 * included) with every change stamp, server_version and updated_at as they are, sets the id
 * sequences, and compares row counts and checksums table by table before committing. Devices keep
 * their cursors: the next pull continues where the last one ended.
 *
 * The rows go in with the triggers of each table disabled (ALTER TABLE … DISABLE TRIGGER USER,
 * which the tables' owner may do without superuser rights): the change-stamp triggers would give
 * every copied row a new stamp, and the notification triggers would wake every listener. The
 * foreign keys stay enforced, so tables are filled parents first. All of it is one transaction on
 * the target: a failure or a mismatch leaves it empty (migrated).
 */
export async function moveToPostgres(
  source: Database,
  targetUrl: string,
  log: (message: string) => void = () => {},
): Promise<MovedTable[]> {
  const from = sessionOf(source);
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect();
  const to = sessionOfClient(client);
  try {
    await refuseUnlessEmpty(to);
    const applied = await applyMigrations({ databaseUrl: targetUrl }, { log });
    if (applied.length) log(`Migrated the target (${applied.length} migrations).`);
    const tables = await listTables(to);
    await checkSameSchema(from, to, tables);

    await normalizeRowText(from);
    await normalizeRowText(to);
    await to.query('BEGIN');
    try {
      for (const table of tables)
        await to.query(`ALTER TABLE ${ident(table)} DISABLE TRIGGER USER`);
      await to.query('DELETE FROM sync_clock'); // the row the migrations start the clock with
      for (const table of tables) {
        const rows = await copyTable(from, to, table);
        log(`  ${table}: ${rows} rows`);
      }
      await copySequences(from, to);
      for (const table of tables) await to.query(`ALTER TABLE ${ident(table)} ENABLE TRIGGER USER`);
      const moved = await compareChecksums(from, to, tables);
      await to.query('COMMIT');
      return moved;
    } catch (error) {
      await to.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.end();
  }
}

/** Refuses a database with tables of another application, or HealthSync rows. */
export async function refuseUnlessEmpty(to: SqlSession): Promise<void> {
  const [state] = await to.query<{ tables: number; ours: boolean }>(
    `SELECT count(*)::int AS tables, to_regclass('public._prisma_migrations') IS NOT NULL AS ours
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
  );
  if (!state?.tables) return;
  if (!state.ours)
    throw new MoveRefusedError(
      `The target database is not empty: it has ${state.tables} tables, none of them HealthSync's. Give an empty database.`,
    );
  const busy = await nonEmptyTables(to, await listTables(to));
  if (busy.length) throw notEmpty(busy);
}

const notEmpty = (tables: string[]) =>
  new MoveRefusedError(
    `The target database is not empty: ${tables.join(', ')} hold rows. The move copies into an empty database only (create one, e.g. createdb -O healthsync healthsync).`,
  );

async function checkSameSchema(from: SqlSession, to: SqlSession, tables: string[]): Promise<void> {
  const [sourceMigrations, targetMigrations] = [
    await appliedMigrations(from),
    await appliedMigrations(to),
  ];
  if (sourceMigrations.join() !== targetMigrations.join())
    throw new MoveRefusedError(
      `The two databases are at different migrations (embedded: ${sourceMigrations.at(-1)}, PostgreSQL: ${targetMigrations.at(-1)}). Run the move with the release the embedded server runs.`,
    );
  const sourceTables = await listTables(from);
  if ([...sourceTables].sort().join() !== [...tables].sort().join())
    throw new MoveRefusedError(
      `The embedded database has other tables than the migrations make: ${sourceTables.join(', ')}`,
    );
}

async function copySequences(from: SqlSession, to: SqlSession): Promise<void> {
  for (const { name, lastValue } of await sequencePositions(from)) {
    if (lastValue !== null)
      await to.query(`SELECT setval($1::regclass, $2::bigint, true)`, [ident(name), lastValue]);
  }
}

async function compareChecksums(
  from: SqlSession,
  to: SqlSession,
  tables: string[],
): Promise<MovedTable[]> {
  const moved: MovedTable[] = [];
  for (const table of tables) {
    const [expected, actual] = [await tableChecksum(from, table), await tableChecksum(to, table)];
    if (expected.rows !== actual.rows || expected.checksum !== actual.checksum)
      throw new Error(
        `Verification failed for ${table}: embedded ${expected.rows} rows (${expected.checksum}), PostgreSQL ${actual.rows} rows (${actual.checksum}). Nothing was committed.`,
      );
    moved.push({ table, ...actual });
  }
  return moved;
}
