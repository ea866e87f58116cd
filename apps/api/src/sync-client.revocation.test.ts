// Issue 13 item 3, on the device: a session an administrator ended sends @healthsync/sync-client
// (and so the PWA) back to sign-in, against the real API over HTTP.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createSyncClient,
  manualSignals,
  memoryTokenStore,
  openMemoryStore,
} from '@healthsync/sync-client';
import type { TokenPair } from '@healthsync/contracts';
import { openListeningTestApp, type TestApp } from './test/test-app';

let t: TestApp, base: string;
beforeAll(async () => ({ t, base } = await openListeningTestApp()));
afterAll(() => t.close());

it('a revoked session makes the sync client ask for a sign-in and drop its tokens', async () => {
  const admin = await t.as('admin');
  const worker = await t.authUser('worker2');
  const pair = (
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/',
      payload: { username: 'worker2', password: 'worker2-demo' },
    })
  ).json<TokenPair>();
  const tokens = memoryTokenStore(pair);
  const client = await createSyncClient({
    store: await openMemoryStore(),
    baseUrl: base,
    tokens,
    signals: manualSignals(true),
  });
  try {
    await client.syncNow();
    expect(client.status.getSnapshot()).toMatchObject({ needsSignIn: false, lastError: null });

    await admin.patch(`/api/admin/users/${worker.id}/`, { role: 'doctor' });
    await client.syncNow();

    // The 401 made it try its refresh token, which the change revoked too.
    expect(client.status.getSnapshot().needsSignIn).toBe(true);
    expect(await tokens.get()).toBeNull();
  } finally {
    await client.close();
  }
});
