// `pnpm db:backup [--out <file>]`: a consistent backup while the API keeps running.
//   Embedded database: the running server dumps the directory it holds (db/backup/backup-socket);
//   with no server running the command opens the directory itself. A gzipped tarball of the data
//   directory, loaded into memory once to check that it restores.
//   PostgreSQL (DATABASE_URL): pg_dump --format=custom, which reads one consistent snapshot.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cliDatabase, describeCliDatabase, resolveFromInvocation } from '../../cli/env';
import { CliError, parseFlags, runCommand } from '../../cli/run-command';
import { backupSocketPath, requestBackup } from '../backup/backup-socket';
import { defaultBackupName, inspectPgliteBackup, writeWhole } from '../backup/backup-file';
import { dumpPglite } from '../backup/dump-pglite';
import { pgDump } from '../backup/postgres-tools';
import { openDatabase } from '../open-database';

const USAGE =
  'pnpm db:backup [--out <file>]   (DATABASE_URL, or the embedded database in DATA_DIR)';

runCommand(async () => {
  const flags = parseFlags({ out: { type: 'string' } }, USAGE);
  const target = cliDatabase();
  const out = resolveFromInvocation(
    flags.out ?? defaultBackupName(target.kind === 'postgres' ? 'dump' : 'tar.gz'),
  );
  console.log(`Backing up ${describeCliDatabase(target)} to ${out}`);

  if (target.kind === 'postgres') {
    await pgDump(target.databaseUrl, out);
    console.log(`Done (pg_dump custom format; restore with pnpm db:restore --from ${out}).`);
    return;
  }

  let dump: Blob;
  const fromServer = await requestBackup(backupSocketPath(target.dataDir));
  if (fromServer) {
    console.log('Taken by the running server.');
    dump = new Blob([new Uint8Array(fromServer)]);
  } else {
    if (!existsSync(path.join(target.pgliteDir, 'PG_VERSION')))
      throw new CliError(`No embedded database in ${target.dataDir}.`);
    const database = await openDatabase({ dataDir: target.pgliteDir });
    try {
      if (database.kind !== 'pglite') throw new Error('expected the embedded database');
      dump = await dumpPglite(database.pglite);
    } finally {
      await database.close();
    }
  }
  await writeWhole(out, new Uint8Array(await dump.arrayBuffer()));
  const held = await inspectPgliteBackup(dump);
  console.log(
    `Done: ${(dump.size / 1e6).toFixed(1)} MB; it restores, with ${held.patients} patients, ${held.auditEntries} audit entries, ${held.migrations} migrations.`,
  );
});
