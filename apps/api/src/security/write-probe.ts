import type { Database } from '../db/open-database';

/** Per table of the `public` schema: row count and the newest committing transaction (xmin). */
export type WriteFingerprint = Map<string, string>;

/** Sync and session bookkeeping: written by the server about requests, not data a user changes. */
export const BOOKKEEPING_TABLES = new Set([
  '_prisma_migrations',
  'audit_log',
  // FHIR Bulk Data jobs and their files: copies of data, not data; each belongs to its requester.
  'fhir_export_file',
  'fhir_export_job',
  'rate_limit_hit',
  'refresh_token',
  'scope_exit',
  'sign_in_throttle',
  'sync_batch',
  'sync_change_key',
  'sync_clock',
  'sync_conflict',
  'sync_device',
  'sync_epoch',
  'sync_purge',
]);

/**
 * Detects committed writes to any table, including tables added later: an INSERT or UPDATE gives
 * its rows a new, higher xmin; a DELETE lowers the count. Rolled-back work and row locks leave no
 * trace. On PGlite a call counter on the driver tells whether a request touched the database at
 * all, so requests refused before any query (most fuzz cases) cost no probe.
 */
export async function createWriteProbe(database: Database) {
  const tables = (
    await database.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    )
  ).map((r) => r.name);
  const sql = tables
    .map(
      (name) =>
        `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text AS mark FROM "${name}"`,
    )
    .join(' UNION ALL ');

  let calls = 0;
  const count = (target: object, methods: string[]) => {
    const record = target as Record<string, (...args: unknown[]) => unknown>;
    for (const method of methods) {
      const original = record[method];
      if (typeof original !== 'function') throw new Error(`no ${method} to watch`);
      record[method] = function (this: unknown, ...args: unknown[]) {
        calls += 1;
        return original.apply(this, args);
      };
    }
  };
  if (database.kind === 'pglite') count(database.pglite, ['execProtocolRaw']);
  else count(database.pool, ['query', 'connect']);

  const read = async (): Promise<WriteFingerprint> =>
    new Map(
      (await database.query<{ name: string; mark: string }>(sql)).map((r) => [r.name, r.mark]),
    );

  let current = await read();
  let seenCalls = calls;
  return {
    tables,
    /** The fingerprint now (re-read only when the database was used since the last look). */
    async now(): Promise<WriteFingerprint> {
      if (calls !== seenCalls) {
        current = await read();
        seenCalls = calls;
      }
      return current;
    },
  };
}

/** Tables whose count or newest xmin differ. */
export function changedTables(before: WriteFingerprint, after: WriteFingerprint): string[] {
  return [...after.keys()].filter((name) => before.get(name) !== after.get(name));
}

/** The id and xmin of every row of `tables`, to list exactly which rows a request changed. */
export async function rowVersions(
  database: Database,
  tables: string[],
): Promise<Map<string, string>> {
  const rows = await database.query<{ ref: string; xmin: string }>(
    tables
      .map((name) => `SELECT '${name}:' || id::text AS ref, xmin::text AS xmin FROM "${name}"`)
      .join(' UNION ALL '),
  );
  return new Map(rows.map((r) => [r.ref, r.xmin]));
}

/** `table:id` of every row inserted, updated or deleted between two `rowVersions`. */
export function changedRows(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = new Set<string>();
  for (const [ref, xmin] of after) if (before.get(ref) !== xmin) changed.add(ref);
  for (const ref of before.keys()) if (!after.has(ref)) changed.add(ref);
  return [...changed].sort();
}
