import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecondInstance, createTestApp, type TestApp } from '../../test/test-app';
import { testDatabaseKind } from '../../test/test-database';
import { accountKey, addressKey, FIRST_WAIT_SECONDS } from './sign-in-throttle';

/**
 * Issue 13 item 2: failures are counted per account from every address (with a doubling wait),
 * per address across accounts, never for a right password, and together by every instance.
 * The API trusts X-Forwarded-For from loopback by default, and inject() comes from 127.0.0.1:
 * each request below names its client address in that header, as the PWA's server does.
 */
const LIMITS = { accountFailures: 3, addressFailuresPerHour: 6 };
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ signInLimits: LIMITS });
});
afterAll(() => t.close());

let lastAddress = 0;
/** A client address no other test uses. */
const newAddress = () => {
  lastAddress += 1;
  return `10.13.${lastAddress >> 8}.${lastAddress & 255}`;
};

const attempt = (
  username: string,
  password: string,
  from = newAddress(),
  app: FastifyInstance = t.app,
) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/token/',
    headers: { 'x-forwarded-for': from },
    payload: { username, password },
  });

/** A new account (so no other test's failures count against it) and its password. */
async function newAccount() {
  const username = `u-${randomUUID().slice(0, 8)}`;
  const password = `${username}-password`;
  const admin = await t.as('admin');
  const facility = (await admin.get('/api/auth/me/')).json().facility_id;
  const created = await admin.post('/api/admin/users/', {
    username,
    password,
    role: 'health_worker',
    facility_id: facility,
  });
  expect(created.statusCode).toBe(201);
  return { username, password };
}

/** The 429 in the API's error shape, its Retry-After in the header and the body alike. */
function retryAfterOf(response: Awaited<ReturnType<typeof attempt>>): number {
  expect(response.statusCode).toBe(429);
  const body = response.json();
  expect(body).toMatchObject({ error_code: 'RATE_LIMITED', detail: expect.any(String) });
  expect(response.headers['retry-after']).toBe(String(body.retry_after));
  return body.retry_after as number;
}

/** The account's current wait runs out (the clock is the one part faked here). */
const waitPasses = (username: string) =>
  t.database.query(`UPDATE sign_in_throttle SET blocked_until = clock_timestamp() WHERE key = $1`, [
    accountKey(username),
  ]);

describe('sign-in limiter', () => {
  it('counts an account’s failures from every address: a new X-Forwarded-For buys no guess', async () => {
    const { username, password } = await newAccount();
    for (let i = 0; i < LIMITS.accountFailures; i++) {
      expect((await attempt(username, 'guess')).statusCode).toBe(401);
    }
    // Even the right password waits now, from yet another address: the check comes first.
    const wait = retryAfterOf(await attempt(username, password));
    expect(wait).toBeGreaterThan(FIRST_WAIT_SECONDS / 2);
    expect(wait).toBeLessThanOrEqual(FIRST_WAIT_SECONDS);
  });

  it('doubles the wait with each further failure, and a success ends the run', async () => {
    const { username, password } = await newAccount();
    for (let i = 0; i < LIMITS.accountFailures; i++) await attempt(username, 'guess');
    let previous = retryAfterOf(await attempt(username, 'guess'));
    for (let round = 0; round < 2; round++) {
      await waitPasses(username);
      expect((await attempt(username, 'guess')).statusCode).toBe(401);
      const wait = retryAfterOf(await attempt(username, 'guess'));
      expect(wait).toBeGreaterThan(previous);
      expect(wait).toBeLessThanOrEqual(FIRST_WAIT_SECONDS * 2 ** (round + 1));
      previous = wait;
    }
    await waitPasses(username);
    expect((await attempt(username, password)).statusCode).toBe(200);
    // The run of failures is over: the free ones are free again.
    for (let i = 0; i < LIMITS.accountFailures; i++) {
      expect((await attempt(username, 'guess')).statusCode).toBe(401);
    }
  });

  it('never spends the budget on a right password', async () => {
    const { username, password } = await newAccount();
    const clinic = newAddress(); // everyone at one clinic behind one address
    const codes: number[] = [];
    for (let i = 0; i < LIMITS.addressFailuresPerHour * 2; i++) {
      codes.push((await attempt(username, password, clinic)).statusCode);
    }
    expect(codes.every((code) => code === 200)).toBe(true);
    // Typos between successes: each success starts the account's count again.
    for (let round = 0; round < 3; round++) {
      const phone = newAddress();
      for (let i = 0; i < LIMITS.accountFailures - 1; i++) {
        expect((await attempt(username, 'typo', phone)).statusCode).toBe(401);
      }
      expect((await attempt(username, password, phone)).statusCode).toBe(200);
    }
  });

  it('limits one address’s failures across accounts (spraying); other addresses sign in', async () => {
    const { username, password } = await newAccount();
    const sprayer = newAddress();
    for (let i = 0; i < LIMITS.addressFailuresPerHour; i++) {
      const response = await attempt(`nobody-${randomUUID()}`, 'Password1', sprayer);
      expect(response.statusCode).toBe(401);
    }
    const wait = retryAfterOf(await attempt(username, password, sprayer));
    expect(wait).toBeGreaterThan(3000);
    expect(wait).toBeLessThanOrEqual(3600);
    // The refused attempt was not counted against the account.
    expect((await attempt(username, password)).statusCode).toBe(200);
  });

  it('lets no parallel guess past the free failures', async () => {
    const { username } = await newAccount();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => attempt(username, 'guess')),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((code) => code === 401)).toHaveLength(LIMITS.accountFailures);
    expect(codes.filter((code) => code === 429)).toHaveLength(12 - LIMITS.accountFailures);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const direct = '203.0.113.7';
    const fromDirect = (username: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/token/',
        remoteAddress: direct,
        headers: { 'x-forwarded-for': newAddress() },
        payload: { username, password: 'guess' },
      });
    for (let i = 0; i < LIMITS.addressFailuresPerHour; i++) {
      expect((await fromDirect(`nobody-${randomUUID()}`)).statusCode).toBe(401);
    }
    expect((await fromDirect(`nobody-${randomUUID()}`)).statusCode).toBe(429);
  });
});

describe('the address a failure is counted against', () => {
  it('is one IPv4 address, or one IPv6 /64 however it is written', () => {
    expect(addressKey('203.0.113.9')).toBe('address:203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('address:203.0.113.9');
    const subscriber = addressKey('2001:db8:a:b::1');
    for (const same of ['2001:db8:a:b:ffff:ffff:ffff:ffff', '2001:0DB8:000a:000b::9%eth0']) {
      expect(addressKey(same)).toBe(subscriber);
    }
    expect(addressKey('2001:db8:a:c::1')).not.toBe(subscriber);
    expect(addressKey('::1')).toBe('address:0:0:0:0::/64');
    expect(addressKey('64:ff9b::203.0.113.9')).toBe('address:64:ff9b:0:0::/64');
  });
});

describe.runIf(testDatabaseKind === 'postgres')('sign-in limiter across instances', () => {
  let second: Awaited<ReturnType<typeof createSecondInstance>>;
  beforeAll(async () => {
    second = await createSecondInstance(t, { signInLimits: LIMITS });
  });
  afterAll(() => second.close());

  it('counts an account’s failures on every instance together', async () => {
    const { username, password } = await newAccount();
    const instances = [t.app, second.app];
    for (let i = 0; i < LIMITS.accountFailures; i++) {
      const response = await attempt(username, 'guess', newAddress(), instances[i % 2]);
      expect(response.statusCode).toBe(401);
    }
    for (const app of instances) retryAfterOf(await attempt(username, password, newAddress(), app));
  });

  it('counts an address’s failures on every instance together', async () => {
    const sprayer = newAddress();
    const instances = [t.app, second.app];
    for (let i = 0; i < LIMITS.addressFailuresPerHour; i++) {
      const response = await attempt(`nobody-${randomUUID()}`, 'guess', sprayer, instances[i % 2]);
      expect(response.statusCode).toBe(401);
    }
    for (const app of instances) {
      retryAfterOf(await attempt(`nobody-${randomUUID()}`, 'guess', sprayer, app));
    }
  });
});
