// A fresh device of a demo user on the in-process API (app.inject, no port): @healthsync/sync-client
// on a memory store, with a manual clock and a network that delivers everything.
import {
  createSyncClient,
  ManualClock,
  manualSignals,
  MemoryBackend,
  memoryTokenStore,
  openMemoryStore,
  type SyncClient,
} from '@healthsync/sync-client';
import { FaultNetwork } from './fault-fetch';
import type { TestApp } from './test-app';

export async function openInProcessDevice(
  t: TestApp,
  username: string,
  options: { deviceId: string; pageSize?: number; maxPageSize?: number },
): Promise<SyncClient> {
  const user = await t.authUser(username);
  const clock = new ManualClock(Date.now());
  return createSyncClient({
    store: await openMemoryStore({ backend: new MemoryBackend() }),
    baseUrl: '',
    tokens: memoryTokenStore({ access: await t.tokenFor(username), refresh: 'unused' }),
    fetch: new FaultNetwork(t.app).fetchFor(options.deviceId, [], clock, 30_000),
    identity: () => ({ userId: user.id, facilityId: user.facilityId }),
    clock,
    signals: manualSignals(true),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.maxPageSize === undefined ? {} : { maxPageSize: options.maxPageSize }),
  });
}
