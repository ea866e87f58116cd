// `pnpm db:restore --from <file>`: restores a `pnpm db:backup` file, then starts a new sync epoch
// (db/backup/start-sync-epoch) so that devices which synced after the backup download everything
// again instead of trusting cursors the restored database never issued.
//   Embedded database (DATA_DIR): the server must be stopped. The current directory is kept aside
//   as pglite.replaced-<time>.
//   PostgreSQL (DATABASE_URL): into an empty database, with pg_restore.
// `pnpm db:restore --new-epoch-only`: for a PostgreSQL database restored by other means (provider
// snapshot, point-in-time recovery): only starts the new epoch. Run it before starting the API.
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { cliDatabase, describeCliDatabase, resolveFromInvocation } from '../../cli/env';
import { cliWriteContext } from '../../cli/open-cli-database';
import { CliError, parseFlags, runCommand } from '../../cli/run-command';
import { startSyncEpoch } from '../backup/start-sync-epoch';
import { pgRestore } from '../backup/postgres-tools';
import { LOCK_FILE_NAME, lockDataDir } from '../data-dir-lock';
import { applyMigrations } from '../migrate';
import { refuseUnlessEmpty } from '../move/move-to-postgres';
import { sessionOfClient } from '../move/sql-session';
import { openDatabase } from '../open-database';

const USAGE = `pnpm db:restore --from <backup file>   (DATABASE_URL: an empty database; else DATA_DIR)
pnpm db:restore --new-epoch-only        (PostgreSQL restored by other means)`;

const actor = cliWriteContext('db:restore').actor;

runCommand(async () => {
  const flags = parseFlags(
    { from: { type: 'string' }, 'new-epoch-only': { type: 'boolean' } },
    USAGE,
  );
  const target = cliDatabase();
  if (flags['new-epoch-only']) {
    if (target.kind !== 'postgres')
      throw new CliError('--new-epoch-only is for PostgreSQL (set DATABASE_URL).');
    await newEpoch(target.databaseUrl, 'a restore by other means');
    return;
  }
  if (!flags.from) throw new CliError(`--from is required.\n\nUsage: ${USAGE}`);
  const file = resolveFromInvocation(flags.from);
  if (!existsSync(file)) throw new CliError(`No such file: ${file}`);
  console.log(`Restoring ${file} into ${describeCliDatabase(target)}`);

  if (target.kind === 'postgres') {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      await refuseUnlessEmpty(sessionOfClient(client));
    } finally {
      await client.end();
    }
    await pgRestore(target.databaseUrl, file);
    // A backup of an older release: the epoch's table may be newer than it.
    await applyMigrations({ databaseUrl: target.databaseUrl }, { log: console.log });
    await newEpoch(target.databaseUrl, file);
    return;
  }

  mkdirSync(target.dataDir, { recursive: true });
  const current = target.pgliteDir;
  const restoring = `${current}.restoring-${Date.now()}`;
  // Held until the restored directory is in place: no server may start on the old one meanwhile.
  const lock = existsSync(current) ? lockDataDir(current) : null;
  try {
    const loaded = await PGlite.create({
      dataDir: restoring,
      loadDataDir: new Blob([new Uint8Array(await readFile(file))]),
    });
    await loaded.close();
    // A dump of a running server's directory holds that server's lock file.
    await rm(`${restoring}/${LOCK_FILE_NAME}`, { force: true });
    const database = await openDatabase({ dataDir: restoring, migrate: true, log: console.log });
    try {
      report(await startSyncEpoch(database.prisma, actor, file));
    } finally {
      await database.close();
    }
    if (lock) {
      const aside = `${current}.replaced-${new Date().toISOString().replaceAll(':', '-')}`;
      await rename(current, aside);
      await rm(`${aside}/${LOCK_FILE_NAME}`, { force: true });
      console.log(`The database it replaces is kept in ${aside}.`);
    }
    await rename(restoring, current);
  } catch (error) {
    await rm(restoring, { recursive: true, force: true });
    throw error;
  } finally {
    lock?.release();
  }
  console.log('Restored. Start the API.');
});

async function newEpoch(databaseUrl: string, restoredFrom: string): Promise<void> {
  const database = await openDatabase({ databaseUrl });
  try {
    report(await startSyncEpoch(database.prisma, actor, restoredFrom));
  } finally {
    await database.close();
  }
}

function report(epoch: { floor: bigint; backupClock: bigint }): void {
  const at = (micros: bigint) => new Date(Number(micros / 1000n)).toISOString();
  console.log(
    `New sync epoch: the backup's last change was at ${at(epoch.backupClock)}; devices that synced after it download everything again (keeping their unsent changes).`,
  );
}
