import { describe, expect, it, vi } from 'vitest';
import type { SyncClientStatus } from '../status/sync-status';
import { harness } from '../test/client-harness';
import { FakeServer } from '../test/fake-server';
import { STORE_KINDS, uniqueName } from '../test/stores';

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

describe.each(STORE_KINDS)('sync loop ($name)', (kind) => {
  it('reports pushing → pulling → idle, with counts and progress', async () => {
    const server = new FakeServer();
    for (let i = 0; i < 5; i++) server.seed('Patient', { name: `P${i}` });
    const { client } = await harness(await kind.open(uniqueName()), server, { pageSize: 2 });
    await client.patients.create({ name: 'Local' });
    await vi.waitFor(() =>
      expect(client.status.getSnapshot()).toMatchObject({
        pendingCount: 1,
        safeToWipe: false,
        phase: 'idle',
      }),
    );
    const seen: SyncClientStatus[] = [];
    const unsubscribe = client.status.subscribe(() => seen.push(client.status.getSnapshot()));
    const final = await client.syncNow();
    unsubscribe();
    const phases = seen.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['pushing', 'pulling', 'idle']);
    // Other status changes (counts refreshed after the push) may repeat a progress value.
    const pulled = seen.filter((s) => s.progress).map((s) => s.progress?.pulled);
    expect(pulled.filter((p, i) => p !== pulled[i - 1])).toEqual([0, 2, 4, 6]);
    expect(final).toMatchObject({
      pendingCount: 0,
      safeToWipe: true,
      lastError: null,
      progress: null,
    });
    expect(final.lastSuccessfulSyncAt).not.toBeNull();
  });

  it('runs one sync at a time; a trigger during a sync runs exactly one more', async () => {
    const server = new FakeServer();
    const { client } = await harness(await kind.open(uniqueName()), server);
    const first = client.syncNow();
    client.notifyServerChange();
    client.notifyServerChange();
    await first;
    const downloads = () =>
      server.log.filter((l) => l.path.startsWith('/api/sync/download/')).length;
    await vi.waitFor(() => expect(downloads()).toBe(2));
    await flush();
    expect(downloads()).toBe(2);
  });

  it('backs off exponentially with jitter and resets after a success', async () => {
    const server = new FakeServer();
    server.fault = () => ({
      status: 503,
      body: { error_code: 'SERVICE_UNAVAILABLE', detail: 'down' },
    });
    const h = await harness(await kind.open(uniqueName()), server, {
      backoff: { baseMs: 1000, maxMs: 8000 },
    });
    const delays: number[] = [];
    h.client.start();
    for (let i = 0; i < 5; i++) {
      // The failed cycle has run once its retry is scheduled in the future.
      const next = await vi.waitFor(() => {
        const at = h.client.status.getSnapshot().nextRetryAt;
        if (at === null || at <= h.clock.now()) throw new Error('no retry scheduled yet');
        return at;
      });
      delays.push(next - h.clock.now());
      h.clock.advance(next - h.clock.now());
    }
    // random() = 0.5: cap/2 + cap/4 with cap = 1 s, 2 s, 4 s, 8 s, 8 s (max).
    expect(delays).toEqual([750, 1500, 3000, 6000, 6000]);
    expect(h.client.status.getSnapshot().lastError).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
    });
    server.fault = null;
    await flush();
    h.clock.advance(6000);
    await vi.waitFor(() =>
      expect(h.client.status.getSnapshot()).toMatchObject({ nextRetryAt: null, lastError: null }),
    );
    server.fault = () => 'drop-request';
    await h.client.syncNow();
    expect(h.client.status.getSnapshot().nextRetryAt! - h.clock.now()).toBe(750);
    await h.client.stop();
  });

  it('syncs on the online event and after a local edit', async () => {
    const server = new FakeServer();
    const h = await harness(await kind.open(uniqueName()), server, { pushDelayMs: 1000 });
    h.client.start();
    await flush();
    h.signals.goOffline();
    expect(h.client.status.getSnapshot().online).toBe(false);
    const before = server.log.length;
    h.signals.goOnline();
    await vi.waitFor(() => expect(server.log.length).toBeGreaterThan(before));
    const p = await h.client.patients.create({ name: 'Soon' });
    h.clock.advance(1000);
    await vi.waitFor(() => expect(server.live('Patient').map((r) => r.id)).toEqual([p.id]));
    await h.client.stop();
  });
});
