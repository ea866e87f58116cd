import { spawn } from 'node:child_process';
import { rename } from 'node:fs/promises';
import { CliError } from '../../cli/run-command';

/** Runs one of PostgreSQL's client programs (Debian: postgresql-client), output to ours. */
function runTool(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) =>
      reject(
        new CliError(`Could not run ${program} (${error.message}): install postgresql-client.`),
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new CliError(`${program} failed (exit code ${code}).`)),
    );
  });
}

/** pg_dump's custom format: one consistent snapshot, taken while the API keeps running. */
export async function pgDump(databaseUrl: string, file: string): Promise<void> {
  await runTool('pg_dump', ['--format=custom', `--file=${file}.partial`, databaseUrl]);
  await rename(`${file}.partial`, file);
}

/** Restores a pg_dump file into an empty database, all or nothing, owned by the URL's user. */
export function pgRestore(databaseUrl: string, file: string): Promise<void> {
  return runTool('pg_restore', [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    `--dbname=${databaseUrl}`,
    file,
  ]);
}
