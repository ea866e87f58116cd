import { mkdirSync } from 'node:fs';
import { openDatabase, type Database } from '../db/open-database';
import type { WriteContext } from '../core/write-context';
import { describeCliDatabase, operatorName, type CliDatabase } from './env';
import { CliError } from './run-command';

/**
 * Opens the database a command works on. The embedded one is opened like the server opens it
 * (its data-directory lock held, pending migrations applied), so a running server makes the
 * command stop with DataDirectoryLockedError. PostgreSQL must have been migrated already
 * (`pnpm db:migrate`, as the database owner).
 */
export async function openCliDatabase(target: CliDatabase): Promise<Database> {
  if (target.kind === 'pglite') {
    mkdirSync(target.dataDir, { recursive: true });
    return openDatabase({ dataDir: target.pgliteDir, migrate: true });
  }
  const database = await openDatabase({ databaseUrl: target.databaseUrl });
  const [row] = await database.query<{ migrated: boolean }>(
    "SELECT to_regclass('public.app_user') IS NOT NULL AS migrated",
  );
  if (!row?.migrated) {
    await database.close();
    throw new CliError(
      `${describeCliDatabase(target)} has no HealthSync tables yet: run pnpm db:migrate first.`,
    );
  }
  return database;
}

const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Who a command writes as: no user (the audit row's user_id is empty) and a request id that says
 * which command ran and which operating-system account on which host ran it.
 */
export function cliWriteContext(command: string): WriteContext {
  return {
    user: {
      id: NOBODY,
      username: command,
      role: 'admin',
      facilityId: NOBODY,
      pharmacyId: null,
      doctorId: null,
    },
    actor: { userId: null, deviceId: null, requestId: `cli:${command} by ${operatorName()}` },
  };
}
