import { isIP } from 'node:net';
import { HealthSyncError } from '@healthsync/contracts';
import { Prisma, type Db } from '../../db/prisma';

export type SignInLimits = {
  /** Failed sign-ins to one account, from anywhere, before each further one must wait. */
  accountFailures: number;
  /** Failed sign-ins from one address, to any accounts, per hour. */
  addressFailuresPerHour: number;
};

/** The first wait once an account used its free failures; each further failure doubles it. */
export const FIRST_WAIT_SECONDS = 60;
export const LONGEST_WAIT_SECONDS = 15 * 60;
/** An account's failures are forgotten a day after the last one. */
const ACCOUNT_MEMORY = Prisma.sql`interval '24 hours'`;
const ADDRESS_WINDOW = Prisma.sql`interval '1 hour'`;
/** Expired rows are deleted by every this many attempts of one process. */
const CLEANUP_EVERY = 500;

export const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;

/**
 * One IPv4 address, or one IPv6 /64 (a single subscriber usually holds a whole /64 and could
 * rotate through it). An IPv4 address seen as IPv6 (`::ffff:a.b.c.d`) is that IPv4 address.
 */
export function addressKey(address: string): string {
  const plain = address.split('%')[0]!.toLowerCase();
  if (isIP(plain) !== 6) return `address:${plain}`;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return `address:${mapped[1]}`;
  const [head = '', tail] = plain.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  // A dotted IPv4 ending stands for two groups.
  const width = (parts: string[]) => parts.length + (parts.at(-1)?.includes('.') ? 1 : 0);
  const full =
    tail === undefined
      ? groups(head)
      : [
          ...groups(head),
          ...Array<string>(8 - width(groups(head)) - width(groups(tail))).fill('0'),
          ...groups(tail),
        ];
  const prefix = full.slice(0, 4).map((group) => parseInt(group, 16).toString(16));
  return `address:${prefix.join(':')}::/64`;
}

const tooMany = (seconds: number) =>
  new HealthSyncError(
    'RATE_LIMITED',
    `Too many failed sign-in attempts. Try again in ${seconds} seconds.`,
    { retry_after: seconds },
  );

/** Seconds until `column` of the row, at least 1 (a Retry-After of 0 invites a hot loop). */
async function secondsUntil(db: Db, key: string, column: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ seconds: number }[]>`
    SELECT greatest(1, ceil(extract(epoch FROM ${column} - clock_timestamp())))::int AS seconds
    FROM sign_in_throttle WHERE key = ${key}`;
  return row?.seconds ?? 1;
}

/**
 * Counts one attempt from the address as a failure, unless the address has used its hourly
 * allowance. The window starts at the address's first failure.
 */
async function reserveAddress(db: Db, key: string, limit: number): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`
    INSERT INTO sign_in_throttle AS t (key, failures, blocked_until, expires_at)
    VALUES (${key}, 1, '-infinity', clock_timestamp() + ${ADDRESS_WINDOW})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.expires_at <= clock_timestamp() THEN 1 ELSE t.failures + 1 END,
      expires_at = CASE WHEN t.expires_at <= clock_timestamp() THEN EXCLUDED.expires_at
                        ELSE t.expires_at END
    WHERE t.expires_at <= clock_timestamp() OR t.failures < ${limit}
    RETURNING 1`;
  return rows.length > 0;
}

/**
 * Counts one attempt on the account as a failure, unless it must still wait. Failure number k
 * makes the next attempt wait 0 s while k < `free`, then 60 s · 2^(k − free), at most 15 min.
 * The wait is set now, before the password is checked, so parallel guesses cannot slip through.
 */
async function reserveAccount(db: Db, key: string, free: number): Promise<boolean> {
  const failures = Prisma.sql`(CASE WHEN t.expires_at <= clock_timestamp() THEN 1 ELSE t.failures + 1 END)`;
  const waitAfter = (k: Prisma.Sql) => Prisma.sql`make_interval(secs => CASE WHEN ${k} >= ${free}
      THEN least(${LONGEST_WAIT_SECONDS}, ${FIRST_WAIT_SECONDS} * power(2, least(${k} - ${free}, 20)))
      ELSE 0 END)`;
  const rows = await db.$queryRaw<unknown[]>`
    INSERT INTO sign_in_throttle AS t (key, failures, blocked_until, expires_at)
    VALUES (${key}, 1, clock_timestamp() + ${waitAfter(Prisma.sql`1`)},
            clock_timestamp() + ${ACCOUNT_MEMORY})
    ON CONFLICT (key) DO UPDATE SET
      failures = ${failures},
      blocked_until = clock_timestamp() + ${waitAfter(failures)},
      expires_at = EXCLUDED.expires_at
    WHERE t.blocked_until <= clock_timestamp() OR t.expires_at <= clock_timestamp()
    RETURNING 1`;
  return rows.length > 0;
}

/** Gives back one failure of the address's allowance (the attempt did not fail). */
const refundAddress = (key: string) =>
  Prisma.sql`UPDATE sign_in_throttle SET failures = failures - 1
    WHERE key = ${key} AND failures > 0 AND expires_at > clock_timestamp()`;

let attempts = 0;

/**
 * Starts a sign-in attempt: it counts as a failure of the account (across every address, with
 * backoff) and of the address (across every account) until `succeeded()` takes it back, so the
 * budget is only spent on wrong passwords. Throws 429 RATE_LIMITED, with `retry_after` seconds,
 * when the address or the account must wait. One shared table: instances on one PostgreSQL
 * database count together.
 */
export async function beginSignInAttempt(
  db: Db,
  limits: SignInLimits,
  who: { username: string; address: string },
): Promise<{ succeeded(): Promise<void> }> {
  if (++attempts % CLEANUP_EVERY === 0) {
    await db.$executeRaw`DELETE FROM sign_in_throttle
      WHERE expires_at < clock_timestamp() AND blocked_until < clock_timestamp()`;
  }
  const address = addressKey(who.address);
  const account = accountKey(who.username);
  if (!(await reserveAddress(db, address, limits.addressFailuresPerHour))) {
    throw tooMany(await secondsUntil(db, address, Prisma.sql`expires_at`));
  }
  if (!(await reserveAccount(db, account, limits.accountFailures))) {
    await db.$executeRaw(refundAddress(address));
    throw tooMany(await secondsUntil(db, account, Prisma.sql`blocked_until`));
  }
  return {
    async succeeded() {
      // A success also ends the account's run of failures.
      await db.$executeRaw`WITH forgotten AS (DELETE FROM sign_in_throttle WHERE key = ${account})
        ${refundAddress(address)}`;
    },
  };
}
