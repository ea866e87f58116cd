import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../env';
import { createTestApp, type Caller, type TestApp } from '../../test/test-app';

/**
 * Issue 16: every sign-in and refresh tells the phone how long offline sign-in stays allowed and
 * when to lock; a refresh by a deactivated account says so (the phone wipes its synced data).
 */
let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp({ devicePolicy: { offlineSignInDays: 3, idleLockMinutes: 5 } });
  admin = await t.as('admin');
});
afterAll(() => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

describe('device policy', () => {
  it('defaults to 7 days offline and a 10-minute idle lock, and refuses nonsense', () => {
    expect(loadEnv({ NODE_ENV: 'test' }).devicePolicy).toEqual({
      offlineSignInDays: 7,
      idleLockMinutes: 10,
    });
    expect(() => loadEnv({ NODE_ENV: 'test', OFFLINE_SIGN_IN_DAYS: '0' })).toThrow(
      /OFFLINE_SIGN_IN_DAYS/,
    );
    expect(() => loadEnv({ NODE_ENV: 'test', IDLE_LOCK_MINUTES: 'soon' })).toThrow(
      /IDLE_LOCK_MINUTES/,
    );
  });

  it('comes with the pair at sign-in and at each refresh', async () => {
    const signedIn = await post('/api/auth/token/', {
      username: 'worker',
      password: 'worker-demo',
    });
    expect(signedIn.statusCode).toBe(200);
    const pair = signedIn.json<{ refresh: string }>();
    expect(pair).toMatchObject({ offline_sign_in_days: 3, idle_lock_minutes: 5 });
    const refreshed = await post('/api/auth/token/refresh/', { refresh: pair.refresh });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json()).toMatchObject({
      access: expect.any(String),
      refresh: expect.any(String),
      offline_sign_in_days: 3,
      idle_lock_minutes: 5,
    });
  });

  it('answers a deactivated account’s refresh with ACCOUNT_DISABLED, a forged one with TOKEN_INVALID', async () => {
    const username = `w-${randomUUID().slice(0, 8)}`;
    const created = await admin.post('/api/admin/users/', {
      username,
      password: `${username}-password`,
      role: 'health_worker',
      facility_id: (await admin.get('/api/auth/me/')).json().facility_id,
    });
    expect(created.statusCode).toBe(201);
    const { refresh } = (
      await post('/api/auth/token/', { username, password: `${username}-password` })
    ).json<{ refresh: string }>();
    const id = created.json<{ id: string }>().id;
    expect((await admin.patch(`/api/admin/users/${id}/`, { active: false })).statusCode).toBe(200);

    const refused = await post('/api/auth/token/refresh/', { refresh });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({
      error_code: 'ACCOUNT_DISABLED',
      code: 'token_not_valid',
    });
    const forged = await post('/api/auth/token/refresh/', { refresh: `${refresh}x` });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error_code: 'TOKEN_INVALID' });
  });
});
