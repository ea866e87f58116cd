// `pnpm facility:create --name … [--district …]`: adds a facility (accounts belong to one).
import { FacilityInput } from '@healthsync/contracts';
import { inTransaction } from '../lib/transaction';
import { createFacility } from '../modules/admin/manage-directory';
import { checked } from './checked';
import { cliDatabase, describeCliDatabase } from './env';
import { cliWriteContext, openCliDatabase } from './open-cli-database';
import { parseFlags, runCommand } from './run-command';

const USAGE = 'pnpm facility:create --name <name> [--district <text>]';

runCommand(async () => {
  const flags = parseFlags({ name: { type: 'string' }, district: { type: 'string' } }, USAGE);
  const input = checked(FacilityInput, { name: flags.name, district: flags.district });
  const target = cliDatabase();
  const database = await openCliDatabase(target);
  try {
    const facility = await inTransaction(database.prisma, (tx) =>
      createFacility(tx, cliWriteContext('facility:create'), input),
    );
    console.log(
      `Created facility "${facility.name}" (${facility.id}) on ${describeCliDatabase(target)}.`,
    );
  } finally {
    await database.close();
  }
});
