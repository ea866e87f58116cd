import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DataDirectoryLockedError } from '../db/open-database';
import { HealthSyncError } from '../lib/errors';

/** A failure the operator can act on: printed as is, without a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

/**
 * Runs an operator command: its output goes to stdout, a failure to stderr with exit code 1.
 * Errors the operator can act on (bad flags, a weak password, a database in use, an input the
 * services refuse) print their message; anything else prints in full.
 */
export function runCommand(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`\n${describeFailure(error)}\n`);
      process.exit(1);
    },
  );
}

function describeFailure(error: unknown): string {
  if (error instanceof DataDirectoryLockedError)
    return `${error.message}\nThis command opens the embedded database itself: stop the API server first.`;
  // The services' refusals name the field ("username: Already taken.").
  if (error instanceof HealthSyncError || error instanceof CliError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `--flag value` options strictly: an unknown flag is an error naming it and the usage. */
export function parseFlags<O extends Options>(options: O, usage: string) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\nUsage: ${usage}`);
  }
}

/** `--password` is declared only to refuse it with the reason. */
export function refusePasswordFlag(value: unknown): void {
  if (value !== undefined)
    throw new CliError(
      'Never put a password on the command line (it stays in the shell history and shows in process lists).\nType it at the prompt, or pipe it: printf \'%s\\n\' "$PASSWORD" | pnpm …',
    );
}
