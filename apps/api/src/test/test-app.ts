import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildAppOptions } from '../app';
import { seedDemo } from '../demo/seed-demo';
import { type AppConfig, loadEnv } from '../env';
import type { SessionUser } from '../core/auth-user';
import { openDatabase } from '../db/open-database';
import { loadAuthUser } from '../modules/auth/load-auth-user';
import { replicaConfig } from './replica';
import { createTestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Send = (
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) => Promise<LightMyRequestResponse>;
export type Caller = {
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: Send;
  put: Send;
  patch: Send;
  delete: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
};

export type TestApp = {
  app: FastifyInstance;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  /** Signs in a demo account and returns its access token. */
  tokenFor: (username: string) => Promise<string>;
  /** Requests as a signed-in demo account. */
  as: (username: string) => Promise<Caller>;
  /** A demo account as a request would carry it, for calling services directly. */
  authUser: (username: string) => Promise<SessionUser>;
  close: () => Promise<void>;
};

function testConfig(overrides: Partial<AppConfig>): AppConfig {
  return {
    ...loadEnv({
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      TOMBSTONE_RETENTION_DAYS: '0',
    }),
    ...overrides,
  };
}

/**
 * A test file's app and a caller per demo account named, for its `beforeAll`:
 * `({ t, worker } = await openTestApp('worker'))`; the file closes `t` in its `afterAll`.
 */
export async function openTestApp<const U extends string>(
  ...usernames: U[]
): Promise<{ t: TestApp } & Record<U, Caller>> {
  const t = await createTestApp();
  const callers = {} as Record<U, Caller>;
  for (const username of usernames) callers[username] = await t.as(username);
  return { t, ...callers };
}

/** openTestApp, listening on a free local port: `base` is its URL (for fetch and the sync client). */
export async function openListeningTestApp(): Promise<{ t: TestApp; base: string }> {
  const { t } = await openTestApp();
  return { t, base: await t.app.listen({ host: '127.0.0.1', port: 0 }) };
}

/** A real app on a fresh, migrated test database with the demo data, driven through inject. */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  options: Pick<BuildAppOptions, 'logger'> = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  await seedDemo(database.prisma);
  const config = testConfig({ ...(await replicaConfig(database)), ...overrides });
  const app = await buildApp({ config, database, ...options });
  await app.ready();
  const tokens = new Map<string, string>();
  const testApp: TestApp = {
    app,
    database,
    async tokenFor(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/token/',
        payload: { username, password: `${username}-demo` },
      });
      if (response.statusCode !== 200)
        throw new Error(`sign-in of ${username} failed: ${response.body}`);
      const access = response.json<{ access: string }>().access;
      tokens.set(username, access);
      return access;
    },
    async as(username) {
      const headers = bearer(await testApp.tokenFor(username));
      const send =
        (method: Method) =>
        (url: string, payload?: unknown, extra: Record<string, string> = {}) =>
          app.inject({
            method,
            url,
            headers: { ...headers, ...extra },
            ...(payload === undefined ? {} : { payload: payload as object }),
          });
      return {
        get: (url, extra) => send('GET')(url, undefined, extra),
        post: send('POST'),
        put: send('PUT'),
        patch: send('PATCH'),
        delete: (url, extra) => send('DELETE')(url, undefined, extra),
      };
    },
    async authUser(username) {
      const user = await loadAuthUser(database.prisma, { username });
      if (!user) throw new Error(`no active demo account ${username}`);
      const { passwordHash: _, ...authUser } = user;
      return authUser;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
  return testApp;
}

/**
 * A second API instance on the test app's PostgreSQL database, with its own connections, as
 * another server behind the same load balancer. `close()` closes the app and its connections.
 */
export async function createSecondInstance(
  t: TestApp,
  overrides: Partial<AppConfig> = {},
): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const target = t.database.migrationTarget;
  if (!('databaseUrl' in target)) throw new Error('a second instance needs PostgreSQL');
  const database = await openDatabase({ databaseUrl: target.databaseUrl });
  try {
    const app = await buildApp({ config: testConfig(overrides), database });
    await app.ready();
    return {
      app,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json<T>();
}
