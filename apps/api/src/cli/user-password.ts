// `pnpm user:password --username …`: sets a new password (hidden prompt or stdin). Like the admin
// screen's password change it signs the account out everywhere (its refresh tokens are revoked).
import { inTransaction } from '../lib/transaction';
import { updateUser } from '../modules/admin/manage-users';
import { cliDatabase, describeCliDatabase } from './env';
import { cliWriteContext, openCliDatabase } from './open-cli-database';
import { readNewPassword } from './read-password';
import { CliError, parseFlags, refusePasswordFlag, runCommand } from './run-command';

const USAGE = `pnpm user:password --username <name>
The new password is asked for twice (hidden), or read from the first line of stdin.`;

runCommand(async () => {
  const flags = parseFlags({ username: { type: 'string' }, password: { type: 'string' } }, USAGE);
  refusePasswordFlag(flags.password);
  if (!flags.username) throw new CliError(`--username is required.\n\nUsage: ${USAGE}`);
  const password = await readNewPassword();

  const target = cliDatabase();
  const database = await openCliDatabase(target);
  try {
    const user = await inTransaction(database.prisma, async (tx) => {
      const row = await tx.user.findUnique({ where: { username: flags.username } });
      if (!row)
        throw new CliError(`No account "${flags.username}" on ${describeCliDatabase(target)}.`);
      return updateUser(tx, cliWriteContext('user:password'), row.id, { password });
    });
    console.log(
      `New password set for "${user.username}"; every session of this account is signed out.`,
    );
  } finally {
    await database.close();
  }
});
