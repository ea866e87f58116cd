// `pnpm db:move-to-postgres --from ./data --to postgresql://…`: copies a clinic's embedded database
// into an empty PostgreSQL database, every row and change stamp as it is (db/move/move-to-postgres).
// The embedded server must be stopped (the command holds the data directory's lock).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cliDatabase, describeCliDatabase, resolveFromInvocation } from '../../cli/env';
import { CliError, parseFlags, runCommand } from '../../cli/run-command';
import { moveToPostgres } from '../move/move-to-postgres';
import { embeddedDatabaseDir, openDatabase } from '../open-database';

const USAGE = `pnpm db:move-to-postgres --from <DATA_DIR of the embedded server> --to <postgresql://…>
--from defaults to DATA_DIR (./data), --to to DATABASE_URL. The target must be an empty database;
the user in the URL becomes the owner of the tables (no superuser needed).`;

runCommand(async () => {
  const flags = parseFlags({ from: { type: 'string' }, to: { type: 'string' } }, USAGE);
  const environment = cliDatabase();
  const dataDir = flags.from
    ? resolveFromInvocation(flags.from)
    : environment.kind === 'pglite'
      ? environment.dataDir
      : resolveFromInvocation('./data');
  const targetUrl = flags.to ?? (environment.kind === 'postgres' ? environment.databaseUrl : null);
  if (!targetUrl) throw new CliError(`--to is required.\n\nUsage: ${USAGE}`);
  const pgliteDir = embeddedDatabaseDir(dataDir);
  if (!existsSync(path.join(pgliteDir, 'PG_VERSION')))
    throw new CliError(`No embedded database in ${dataDir} (expected ${pgliteDir}).`);

  const target = { kind: 'postgres' as const, databaseUrl: targetUrl };
  console.log(`Moving the embedded database in ${dataDir} to ${describeCliDatabase(target)}:`);
  const source = await openDatabase({ dataDir: pgliteDir, migrate: true, log: console.log });
  try {
    const moved = await moveToPostgres(source, targetUrl, console.log);
    const rows = moved.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `Verified: ${moved.length} tables, ${rows} rows; row counts and checksums are equal on both sides.`,
    );
    console.log(
      `Next: start the API with DATABASE_URL set to the target and the JWT_SECRET the embedded server used ` +
        `(a development server without one kept it in ${path.join(dataDir, 'dev-jwt-secret')}), ` +
        'so devices stay signed in and continue from their last sync. Keep the embedded directory as a backup.',
    );
  } finally {
    await source.close();
  }
});
