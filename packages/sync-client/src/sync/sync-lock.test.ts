import { SyncConflict } from '@healthsync/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { memoryTokenStore } from './auth';
import type { SyncLock } from './auth';
import type { FetchLike } from './http';
import { harness } from '../test/client-harness';
import { FakeServer } from '../test/fake-server';
import { memoryLock } from '../test/memory-lock';
import { STORE_KINDS, uniqueName } from '../test/stores';

/**
 * The fake server behind a network that holds each request until a second one is in flight (two
 * cycles overlapping) or half a second has passed, counting requests in flight at once. Cycles
 * that can overlap then do, however slow the machine; cycles that can't just take longer.
 */
function slowNetwork(server: FakeServer) {
  const seen = { inFlight: 0, maxInFlight: 0 };
  let overlapping = () => {};
  const overlapped = new Promise<void>((resolve) => (overlapping = resolve));
  const fetch: FetchLike = async (url, init) => {
    seen.inFlight += 1;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    if (seen.inFlight > 1) overlapping();
    try {
      await Promise.race([overlapped, new Promise((resolve) => setTimeout(resolve, 500))]);
      return await server.fetch(url, init);
    } finally {
      seen.inFlight -= 1;
    }
  };
  return { fetch, seen };
}

describe.each(STORE_KINDS)('clients sharing a store and tokens ($name)', (kind) => {
  async function twoClientsOfOneStore(lock: SyncLock | undefined) {
    const server = new FakeServer();
    const network = slowNetwork(server);
    const name = uniqueName();
    const options = { fetch: network.fetch, ...(lock ? { lock } : {}) };
    const a = await harness(await kind.open(name), server, options);
    const b = await harness(await kind.open(name), server, options);
    await a.client.patients.create({ name: 'From tab' });
    await b.client.patients.create({ name: 'From worker' });
    const [sa, sb] = await Promise.all([a.client.syncNow(), b.client.syncNow()]);
    return { server, seen: network.seen, sa, sb };
  }

  it('never runs two sync cycles on one store at once when they share a lock', async () => {
    const { server, seen, sa, sb } = await twoClientsOfOneStore(memoryLock());
    // Each cycle sends one request at a time: two in flight means two cycles overlapped.
    expect(seen.maxInFlight).toBe(1);
    expect(sa.lastError).toBeNull();
    expect(sb).toMatchObject({ lastError: null, pendingCount: 0 });
    expect(
      server
        .live('Patient')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['From tab', 'From worker']);

    const unlocked = await twoClientsOfOneStore(undefined);
    expect(unlocked.seen.maxInFlight).toBe(2);
  });

  async function twoClientsOfOneSession(lock: SyncLock | undefined) {
    const server = new FakeServer();
    const network = slowNetwork(server);
    const tokens = memoryTokenStore({ access: server.access, refresh: server.refresh });
    const options = { fetch: network.fetch, tokens, ...(lock ? { lock } : {}) };
    const a = await harness(await kind.open(uniqueName()), server, options);
    const b = await harness(await kind.open(uniqueName()), server, options);
    server.access = 'rotated-by-server'; // the access token both hold has expired
    const statuses = await Promise.all([a.client.syncNow(), b.client.syncNow()]);
    return { server, tokens, statuses };
  }

  it('refreshes a rotating token once when two clients get a 401 at the same time', async () => {
    const { server, tokens, statuses } = await twoClientsOfOneSession(memoryLock());
    expect(server.refreshCalls).toBe(1);
    for (const status of statuses) expect(status).toMatchObject({ needsSignIn: false });
    expect(await tokens.get()).toEqual({ access: server.access, refresh: server.refresh });

    // Without the lock the second refresh re-sends the rotated token: the API would revoke the
    // family, and this client is signed out.
    const unlocked = await twoClientsOfOneSession(undefined);
    expect(unlocked.server.refreshCalls).toBe(2);
    expect(unlocked.statuses.some((s) => s.needsSignIn)).toBe(true);
  });

  it('lends its tokens to other calls: one renewal shared with sync, failures as shared codes', async () => {
    const server = new FakeServer();
    const network = slowNetwork(server);
    const tokens = memoryTokenStore({ access: server.access, refresh: server.refresh });
    const { client } = await harness(await kind.open(uniqueName()), server, {
      fetch: network.fetch,
      tokens,
      lock: memoryLock(),
    });
    await client.patients.create({ name: 'Pending' });
    server.access = 'rotated-by-server';
    const conflicts = { method: 'GET', path: '/api/sync/conflicts/?status=open' } as const;
    const [answer, status] = await Promise.all([
      client.request(z.array(SyncConflict), conflicts),
      client.syncNow(),
    ]);
    expect(answer.data).toEqual([]);
    expect(status).toMatchObject({ needsSignIn: false, pendingCount: 0 });
    expect(server.refreshCalls).toBe(1);

    await expect(
      client.request(z.unknown(), { method: 'GET', path: '/api/nowhere/' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(client.request(z.string(), conflicts)).rejects.toMatchObject({
      code: 'PROTOCOL_ERROR',
    });
    server.access = 'expired';
    server.refresh = 'revoked';
    await expect(client.request(z.unknown(), conflicts)).rejects.toMatchObject({ kind: 'auth' });
  });
});
