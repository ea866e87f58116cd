import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, bearer, TEST_JWT_SECRET, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const signInAs = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/token/', payload: { username, password } });
const refresh = (token: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/token/refresh/', payload: { refresh: token } });
const me = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me/', headers: bearer(token) });

const invalidTokenBody = { detail: 'Given token not valid for any token type' };

describe('sign-in', () => {
  it('trades the right password for an access and a refresh token', async () => {
    const response = await signInAs('worker', 'worker-demo');
    expect(response.statusCode).toBe(200);
    const { access, refresh: refreshToken } = response.json();
    expect(access).toMatch(/^ey/);
    expect(refreshToken).toMatch(/^ey/);
    const who = await me(access);
    expect(who.json()).toMatchObject({
      username: 'worker',
      role: 'health_worker',
      facility_name: 'Gram Primary Health Centre',
    });
  });

  it('answers a wrong password or an unknown user with 401', async () => {
    for (const [username, password] of [
      ['doctor', 'wrong-password'],
      ['nobody', 'doctor-demo'],
    ] as const) {
      const response = await signInAs(username, password);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        detail: 'No active account found with the given credentials',
      });
    }
  });

  it('rejects a body without a password, naming the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/',
      payload: { username: 'admin' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty('password');
  });
});

describe('access tokens', () => {
  it('gives the spec 5.3 body when no credentials are sent', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/patients/' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      detail: 'Authentication credentials were not provided.',
    });
  });

  it('gives the spec 5.4 body for an invalid token', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/patients/',
      headers: bearer('invalid.token.here'),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject(invalidTokenBody);
  });

  async function forge(claims: Record<string, unknown>, secret: string, expiresAt: number) {
    const worker = await me(await t.tokenFor('worker'));
    const user = worker.json();
    return new SignJWT({
      typ: 'access',
      usr: 'worker',
      role: 'admin',
      fac: user.facility_id,
      pha: null,
      doc: null,
      ...claims,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('healthsync')
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(secret));
  }

  it('rejects expired, wrong-key, tampered, unsigned and refresh tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await forge({}, TEST_JWT_SECRET, now - 60);
    const wrongKey = await forge({}, 'another-secret-another-secret-another-secret', now + 600);
    const good = await t.tokenFor('worker');
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url'),
      signature,
    ].join('.');
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url'),
      '',
    ].join('.');
    const refreshToken = (await signInAs('worker', 'worker-demo')).json().refresh;

    expect((await me(good)).statusCode).toBe(200);
    for (const token of [expired, wrongKey, tampered, unsigned, refreshToken]) {
      const response = await me(token);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject(invalidTokenBody);
    }
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh gives a new pair and the old refresh token stops working', async () => {
    const first = (await signInAs('doctor', 'doctor-demo')).json();
    const second = await refresh(first.refresh);
    expect(second.statusCode).toBe(200);
    const pair = second.json();
    expect(pair.refresh).not.toBe(first.refresh);
    expect((await me(pair.access)).statusCode).toBe(200);
    const third = await refresh(pair.refresh);
    expect(third.statusCode).toBe(200);
  });

  it('revoke the whole family when a used refresh token comes back', async () => {
    const first = (await signInAs('admin', 'admin-demo')).json();
    const rotated = (await refresh(first.refresh)).json();
    const replay = await refresh(first.refresh);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject(invalidTokenBody);
    // the thief's replay also cut off the legitimate newer token
    expect((await refresh(rotated.refresh)).statusCode).toBe(401);
    // other sign-ins (other families) are untouched
    const other = (await signInAs('admin', 'admin-demo')).json();
    expect((await refresh(other.refresh)).statusCode).toBe(200);
  });

  it('let exactly one of two concurrent refreshes with the same token win', async () => {
    const pair = (await signInAs('worker2', 'worker2-demo')).json();
    const results = await Promise.all([refresh(pair.refresh), refresh(pair.refresh)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('sign-out revokes the refresh token', async () => {
    const pair = (await signInAs('worker', 'worker-demo')).json();
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout/',
      payload: { refresh: pair.refresh },
    });
    expect(out.statusCode).toBe(204);
    expect((await refresh(pair.refresh)).statusCode).toBe(401);
  });
});
