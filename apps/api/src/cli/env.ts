import { hostname } from 'node:os';
import path from 'node:path';
import { embeddedDatabaseDir } from '../db/open-database';

/**
 * The only reader of process.env for the operator commands (`src/cli`, `src/db/cli`). They need
 * the database and nothing else of the server's configuration (loadEnv would demand a JWT secret
 * in production).
 */

/** Where a command works: PostgreSQL when DATABASE_URL is set, else the embedded database. */
export type CliDatabase =
  | { kind: 'postgres'; databaseUrl: string }
  | { kind: 'pglite'; dataDir: string; pgliteDir: string };

export function cliDatabase(source: NodeJS.ProcessEnv = process.env): CliDatabase {
  if (source.DATABASE_URL) return { kind: 'postgres', databaseUrl: source.DATABASE_URL };
  const dataDir = resolveFromInvocation(source.DATA_DIR ?? './data', source);
  return { kind: 'pglite', dataDir, pgliteDir: embeddedDatabaseDir(dataDir) };
}

/**
 * A path given on the command line or in DATA_DIR, relative to the directory the person typed the
 * command in: `pnpm <script>` runs the script in apps/api, but sets INIT_CWD to where it was called
 * (the repository root for the README's commands, where `pnpm start` keeps ./data).
 */
export function resolveFromInvocation(
  file: string,
  source: NodeJS.ProcessEnv = process.env,
): string {
  return path.resolve(source.INIT_CWD ?? process.cwd(), file);
}

/** How the database is named in a command's output (never with a password). */
export function describeCliDatabase(database: CliDatabase): string {
  if (database.kind === 'pglite') return `the embedded database in ${database.dataDir}`;
  const url = new URL(database.databaseUrl);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** Who ran a command, for the audit log (the operating-system account and the host). */
export function operatorName(source: NodeJS.ProcessEnv = process.env): string {
  const user = source.SUDO_USER ?? source.USER ?? source.LOGNAME ?? 'unknown';
  return `${user}@${hostname()}`;
}
