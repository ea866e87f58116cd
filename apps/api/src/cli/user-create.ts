// `pnpm user:create --role admin --username … --facility …`: creates an account (the first
// administrator of a new deployment, typically), with the password from a hidden prompt or stdin.
import { CreateUserInput } from '@healthsync/contracts';
import { inTransaction } from '../lib/transaction';
import { createUser } from '../modules/admin/manage-users';
import { checked } from './checked';
import { cliDatabase, describeCliDatabase } from './env';
import { facilityForNewUser } from './facility-ref';
import { cliWriteContext, openCliDatabase } from './open-cli-database';
import { readNewPassword } from './read-password';
import { CliError, parseFlags, refusePasswordFlag, runCommand } from './run-command';

const USAGE = `pnpm user:create --role admin --username <name> --facility <name or id>
         [--display-name <text>] [--district <text>] [--pharmacy <id>]
The password is asked for twice (hidden), or read from the first line of stdin.
A new deployment's first facility is created by --facility when none exists yet.`;

runCommand(async () => {
  const flags = parseFlags(
    {
      role: { type: 'string' },
      username: { type: 'string' },
      facility: { type: 'string' },
      'display-name': { type: 'string' },
      district: { type: 'string' },
      pharmacy: { type: 'string' },
      password: { type: 'string' },
    },
    USAGE,
  );
  refusePasswordFlag(flags.password);
  if (!flags.role || !flags.username || !flags.facility)
    throw new CliError(`--role, --username and --facility are required.\n\nUsage: ${USAGE}`);
  // Everything but the password and facility is checked before a password is typed.
  const account = checked(
    CreateUserInput.pick({ username: true, role: true, display_name: true }),
    {
      username: flags.username,
      role: flags.role,
      display_name: flags['display-name'],
    },
  );
  const password = await readNewPassword();

  const target = cliDatabase();
  const database = await openCliDatabase(target);
  try {
    const ctx = cliWriteContext('user:create');
    const { user, facility, created } = await inTransaction(database.prisma, async (tx) => {
      const { facility, created } = await facilityForNewUser(
        tx,
        ctx,
        flags.facility!,
        flags.district,
      );
      const input = checked(CreateUserInput, {
        ...account,
        password,
        facility_id: facility.id,
        pharmacy_id: flags.pharmacy,
      });
      return { user: await createUser(tx, ctx, input), facility, created };
    });
    if (created) console.log(`Created facility "${facility.name}" (${facility.id}).`);
    console.log(
      `Created ${user.role} "${user.username}" (${user.id}) in "${facility.name}" on ${describeCliDatabase(target)}.`,
    );
  } finally {
    await database.close();
  }
});
