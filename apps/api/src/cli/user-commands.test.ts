// The operator commands for accounts, run as child processes the way `pnpm user:create`,
// `pnpm user:password` and `pnpm facility:create` run them, on the project's database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { embeddedDatabaseDir, openDatabase, type Database } from '../db/open-database';
import { loadEnv } from '../env';
import { runCli } from '../test/run-cli';
import { TEST_JWT_SECRET } from '../test/test-app';
import { createTestDatabase, pgliteTemplateDump, testDatabaseKind } from '../test/test-database';

const PASSWORD = 'first-admin-password';

/** The database the commands work on: their environment, and a way for the test to open it. */
type Target = {
  env: Record<string, string>;
  /** Opens it (on PGlite only while no command runs: the directory is locked). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
};

async function createTarget(): Promise<Target> {
  if (testDatabaseKind === 'postgres') {
    const database = await createTestDatabase();
    const { databaseUrl } = database.migrationTarget as { databaseUrl: string };
    return {
      env: { DATABASE_URL: databaseUrl },
      open: () => openDatabase({ databaseUrl }),
      dispose: () => database.close(),
    };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'healthsync-cli-'));
  const pgliteDir = embeddedDatabaseDir(dataDir);
  const seeded = await openDatabase({ dataDir: pgliteDir, loadDump: await pgliteTemplateDump() });
  await seeded.close();
  return {
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir: pgliteDir }),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function withDatabase<T>(target: Target, work: (db: Database) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** POSTs to the real API running on the target's database: the status and the body. */
async function post(target: Target, url: string, payload: Record<string, string>) {
  return withDatabase(target, async (database) => {
    const config = loadEnv({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, database });
    try {
      const response = await app.inject({ method: 'POST', url, payload });
      return { status: response.statusCode, body: response.json<{ refresh?: string }>() };
    } finally {
      await app.close();
    }
  });
}

const signIn = (target: Target, username: string, password: string) =>
  post(target, '/api/auth/token/', { username, password });

const refresh = async (target: Target, refreshToken: string) =>
  (await post(target, '/api/auth/token/refresh/', { refresh: refreshToken })).status;

type AuditRow = {
  action: string;
  entity_type: string;
  user_id: string | null;
  client_request_id: string;
};

const auditRows = (target: Target) =>
  withDatabase(target, (db) =>
    db.query<AuditRow>(
      'SELECT action, entity_type, user_id, client_request_id FROM audit_log ORDER BY id',
    ),
  );

// Each command starts Node, tsx and its database: seconds each on a busy machine.
describe('pnpm user:create / user:password / facility:create', { timeout: 180_000 }, () => {
  let target: Target;
  beforeAll(async () => {
    target = await createTarget();
  });
  afterAll(() => target.dispose());

  const userCreate = (args: string[], stdin: string) =>
    runCli('src/cli/user-create.ts', args, { stdin, env: target.env });
  const firstAdmin = ['--role', 'admin', '--username', 'ada', '--facility', 'Gram PHC'];

  it('refuses a weak password, and a password on the command line, writing nothing', async () => {
    const weak = await userCreate(firstAdmin, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: Use at least 10 characters.');

    const inArgv = await userCreate([...firstAdmin, '--password', PASSWORD], `${PASSWORD}\n`);
    expect(inArgv.code).toBe(1);
    expect(inArgv.stderr).toContain('Never put a password on the command line');

    expect(await auditRows(target)).toEqual([]);
    expect(await withDatabase(target, (db) => db.prisma.user.count())).toBe(0);
  });

  it('creates the first facility and administrator from stdin, audited as the command', async () => {
    const created = await userCreate(
      [...firstAdmin, '--display-name', 'Ada Admin', '--district', 'Kolhapur'],
      `${PASSWORD}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created facility "Gram PHC" \([0-9a-f-]{36}\)\./);
    expect(created.stdout).toMatch(/Created admin "ada" \([0-9a-f-]{36}\) in "Gram PHC"/);
    expect(created.stdout).not.toContain(PASSWORD);

    const signedIn = await signIn(target, 'ada', PASSWORD);
    expect(signedIn.status).toBe(200);

    const audit = await auditRows(target);
    expect(audit.map((row) => [row.action, row.entity_type])).toEqual([
      ['create', 'Facility'],
      ['create', 'User'],
    ]);
    for (const row of audit) {
      expect(row.user_id).toBeNull();
      expect(row.client_request_id).toMatch(/^cli:user:create by \S+@\S+$/);
    }
  });

  it('never makes a second facility from an unknown name; facility:create does', async () => {
    const typo = await userCreate(
      ['--role', 'doctor', '--username', 'dev', '--facility', 'Gram PHC.'],
      `${PASSWORD}\n`,
    );
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('No facility "Gram PHC.". Known facilities:');
    expect(typo.stderr).toContain('Gram PHC');

    const facility = await runCli('src/cli/facility-create.ts', ['--name', 'Kodoli Sub-Centre'], {
      env: target.env,
    });
    expect(facility.code).toBe(0);
    const id = /\(([0-9a-f-]{36})\)/.exec(facility.stdout)?.[1];
    expect(id).toBeDefined();

    const doctor = await userCreate(
      ['--role', 'doctor', '--username', 'dev', '--facility', id!],
      `${PASSWORD}\n`,
    );
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('Created doctor "dev"');
    expect(doctor.stdout).not.toContain('Created facility');

    const taken = await userCreate(firstAdmin, `${PASSWORD}\n`);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('This username is taken.');
  });

  it('user:password sets a new password and signs the account out everywhere', async () => {
    const before = await signIn(target, 'ada', PASSWORD);
    expect(before.status).toBe(200);

    const reset = await runCli('src/cli/user-password.ts', ['--username', 'ada'], {
      stdin: 'a-brand-new-password\n',
      env: target.env,
    });
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);

    expect((await signIn(target, 'ada', PASSWORD)).status).toBe(401);
    expect((await signIn(target, 'ada', 'a-brand-new-password')).status).toBe(200);
    expect(await refresh(target, before.body.refresh!)).toBe(401);
    const audit = await auditRows(target);
    expect(audit.at(-1)).toMatchObject({
      action: 'update+password',
      entity_type: 'User',
      user_id: null,
      client_request_id: expect.stringMatching(/^cli:user:password by /),
    });

    const unknown = await runCli('src/cli/user-password.ts', ['--username', 'nobody'], {
      stdin: 'a-brand-new-password\n',
      env: target.env,
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account "nobody"');
  });

  it.runIf(testDatabaseKind === 'pglite')(
    'refuses an embedded database that a running server holds, saying so',
    async () => {
      await withDatabase(target, async () => {
        const held = await userCreate(
          ['--role', 'admin', '--username', 'eve', '--facility', 'Gram PHC'],
          `${PASSWORD}\n`,
        );
        expect(held.code).toBe(1);
        expect(held.stderr).toContain(
          `is in use by another HealthSync process (pid ${process.pid})`,
        );
        expect(held.stderr).toContain('stop the API server first');
      });
      expect((await signIn(target, 'eve', PASSWORD)).status).toBe(401);
    },
  );
});
