import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { openEventStream } from '../../test/event-stream';
import { withAdminClient } from '../../test/postgres-admin';
import {
  bearer,
  createSecondInstance,
  createTestApp,
  type Caller,
  type TestApp,
} from '../../test/test-app';
import { testDatabaseKind } from '../../test/test-database';
import pg from 'pg';
import { newRefreshToken } from './issue-token-pair';
import { CLAIM_AND_ISSUE_SQL } from './rotate-refresh-token';

/**
 * Issue 13 item 3: deactivating a user, or changing their role, facility, pharmacy or password,
 * makes their access tokens fail at the next request, on every instance, and ends their streams.
 */
let t: TestApp;
let admin: Caller;
let base: string;
let facilityB: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const facilities = (await admin.get('/api/admin/facilities/')).json<{ id: string }[]>();
  const own = (await (await t.as('worker')).get('/api/auth/me/')).json().facility_id;
  facilityB = facilities.find((f) => f.id !== own)!.id;
});
afterAll(() => t.close());

const me = (app: FastifyInstance, token: string) =>
  app.inject({ method: 'GET', url: '/api/auth/me/', headers: bearer(token) });
const signIn = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/token/', payload: { username, password } });

/** A fresh health worker, signed in: their id, password and token pair. */
async function newWorker() {
  const username = `w-${randomUUID().slice(0, 8)}`;
  const password = `${username}-password`;
  const created = await admin.post('/api/admin/users/', {
    username,
    password,
    role: 'health_worker',
    facility_id: (await admin.get('/api/auth/me/')).json().facility_id,
  });
  expect(created.statusCode).toBe(201);
  const pair = (await signIn(username, password)).json<{ access: string; refresh: string }>();
  return { id: created.json<{ id: string }>().id, username, password, ...pair };
}

function expectRevoked(response: { statusCode: number; json: () => unknown }) {
  expect(response.statusCode).toBe(401);
  expect(response.json()).toMatchObject({ error_code: 'SESSION_REVOKED', code: 'token_not_valid' });
}

const CHANGES: [string, () => Record<string, unknown>][] = [
  ['deactivation', () => ({ active: false })],
  ['a new role', () => ({ role: 'doctor' })],
  ['a move to another facility', () => ({ facility_id: facilityB })],
  ['a new password', () => ({ password: 'a-brand-new-password' })],
];

describe('revocation', () => {
  it.each(CHANGES)('%s ends the access token at the next request', async (_, change) => {
    const user = await newWorker();
    const patients = () =>
      t.app.inject({ method: 'GET', url: '/api/patients/', headers: bearer(user.access) });
    expect((await patients()).statusCode).toBe(200); // this instance now knows the session

    expect((await admin.patch(`/api/admin/users/${user.id}/`, change())).statusCode).toBe(200);

    expectRevoked(await patients());
    expectRevoked(await me(t.app, user.access));
    // and the refresh token does not bring it back: the person signs in again
    const refreshed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh/',
      payload: { refresh: user.refresh },
    });
    expect(refreshed.statusCode).toBe(401);
  });

  it('lets a new sign-in after the change work, and keeps sessions on harmless edits', async () => {
    const user = await newWorker();
    await admin.patch(`/api/admin/users/${user.id}/`, { display_name: 'Asha Kumari' });
    expect((await me(t.app, user.access)).statusCode).toBe(200);

    await admin.patch(`/api/admin/users/${user.id}/`, { role: 'doctor' });
    const again = (await signIn(user.username, user.password)).json<{ access: string }>();
    const who = await me(t.app, again.access);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ role: 'doctor' });
  });

  it('ends the user’s open event stream, and the stream cannot be reopened', async () => {
    const user = await newWorker();
    const other = await newWorker();
    const stream = await openEventStream(base, user.access);
    const bystander = await openEventStream(base, other.access);

    await admin.patch(`/api/admin/users/${user.id}/`, { active: false });

    expect(await stream.ended()).toBe(true);
    const reopened = await fetch(`${base}/api/sync/events`, {
      headers: bearer(user.access),
    });
    expect(reopened.status).toBe(401);
    expect(await reopened.json()).toMatchObject({ error_code: 'SESSION_REVOKED' });
    // someone else's stream stays open: a change still reaches it
    await (await t.as('worker')).post('/api/patients/', { name: 'Still Announced' });
    expect(await bystander.readUntil((s) => s.includes('event: change'))).toContain(
      'event: change',
    );
    bystander.close();
  });

  it('follows a change made directly in the database, not only through the API', async () => {
    const user = await newWorker();
    expect((await me(t.app, user.access)).statusCode).toBe(200);
    await t.database.query(`UPDATE app_user SET role = 'doctor' WHERE id = $1::uuid`, [user.id]);
    // The notification arrives after the commit, by the listening connection.
    await vi.waitFor(async () => expectRevoked(await me(t.app, user.access)), {
      timeout: 10_000,
      interval: 50,
    });
  });
});

describe.runIf(testDatabaseKind === 'postgres')('revocation across instances', () => {
  let second: Awaited<ReturnType<typeof createSecondInstance>>;
  let secondUrl: string;
  beforeAll(async () => {
    second = await createSecondInstance(t);
    secondUrl = await second.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => second.close());

  it('a revocation through instance 1 is refused by instance 2 and ends its streams', async () => {
    const user = await newWorker();
    // Instance 2 has seen the session (it would answer from memory) and holds the user's stream.
    expect((await me(second.app, user.access)).statusCode).toBe(200);
    const stream = await openEventStream(secondUrl, user.access);

    expect((await admin.patch(`/api/admin/users/${user.id}/`, { role: 'doctor' })).statusCode).toBe(
      200,
    );

    // The stream ends when instance 2 hears of the change; from then on the token is refused.
    expect(await stream.ended()).toBe(true);
    expectRevoked(await me(second.app, user.access));
    expectRevoked(await me(t.app, user.access));
  });

  it('forgets every cached session when its listening connection was lost', async () => {
    const user = await newWorker();
    expect((await me(second.app, user.access)).statusCode).toBe(200);
    const watcher = await newWorker();
    const stream = await openEventStream(secondUrl, watcher.access);

    // Cut every LISTEN connection, then change the user by hand while nobody listens: that
    // notification is lost for good.
    const { adminUrl } = inject('postgresTestRun');
    const target = t.database.migrationTarget as { databaseUrl: string };
    await withAdminClient(adminUrl, (client) =>
      client.query(
        `SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
         WHERE datname = $1 AND query LIKE 'LISTEN%'`,
        [new URL(target.databaseUrl).pathname.slice(1)],
      ),
    );
    await t.database.query(`UPDATE app_user SET facility_id = $2::uuid WHERE id = $1::uuid`, [
      user.id,
      facilityB,
    ]);

    // Once instance 2 listens again it tells its streams to check for missed changes…
    await stream.readUntil((s) => s.includes('event: change'));
    stream.close();
    // …and has dropped what it remembered, so the old token is refused.
    expectRevoked(await me(second.app, user.access));
  });
});

describe.runIf(testDatabaseKind === 'postgres')('revocation racing a refresh', () => {
  it('revokes the successor a concurrent rotation is storing, not only the tokens it can see', async () => {
    const user = await newWorker();
    const claims = (await t.app.tokens.verifyRefresh(user.refresh))!;
    const successor = newRefreshToken(t.app.tokens, claims.fam);
    // A rotation of the user's refresh token, claimed and stored but not yet committed…
    const rotation = new pg.Client({
      connectionString: (t.database.migrationTarget as { databaseUrl: string }).databaseUrl,
    });
    await rotation.connect();
    try {
      await rotation.query('BEGIN');
      await rotation.query(CLAIM_AND_ISSUE_SQL, [
        claims.jti,
        claims.sub,
        successor.id,
        successor.expiresAt,
      ]);
      // …while an administrator sets a new password, which must end every session.
      const change = admin.patch(`/api/admin/users/${user.id}/`, {
        password: 'a-brand-new-password',
      });
      await vi.waitFor(async () => {
        const [waiting] = await t.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(waiting!.n).toBe(1);
      });
      await rotation.query('COMMIT');
      expect((await change).statusCode).toBe(200);
    } finally {
      await rotation.end();
    }
    const live = await t.database.query(
      'SELECT id FROM refresh_token WHERE user_id = $1::uuid AND revoked_at IS NULL',
      [user.id],
    );
    expect(live).toEqual([]);
  });
});
