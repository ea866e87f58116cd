import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { INITIAL_CURSOR, type DownloadResponse, type Patient } from '@healthsync/contracts';
import { createTestApp, type Caller, type TestApp } from '../../test/test-app';
import { replicaRun, waitForReplica, withReplayPaused } from '../../test/replica';

/**
 * Issue 17 item 3: pulls read from a streaming replica once it holds every change committed
 * before the pull; a replica that lags behind the primary (its replay paused here) never answers
 * one: the pull waits briefly, then reads from the primary — no gap, no repeat, the caller's own
 * writes included. Runs in the `replica` project only (vitest.config.ts).
 */
describe.runIf(replicaRun)('pulls through a streaming replica', () => {
  let t: TestApp;
  let worker: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    worker = await t.as('worker');
  });
  afterAll(() => t?.close());

  /** Pulls from `cursor` until caught up; every (id, version) it receives, in order. */
  async function pullFrom(cursor: string) {
    const received: string[] = [];
    for (;;) {
      const response = await worker.get(
        `/api/sync/download/?since=${encodeURIComponent(cursor)}&limit=3`,
      );
      expect(response.statusCode).toBe(200);
      const page = response.json<DownloadResponse>();
      received.push(...page.changes.map((c) => `${c.server_id}@${c.server_version}`));
      if (!page.has_more) return { received, cursor: page.server_time };
      cursor = page.next_cursor;
    }
  }
  const served = () => ({ ...t.app.replicaReads.served });
  const rename = async (id: string, address: string) =>
    expect((await worker.patch(`/api/patients/${id}/`, { address })).statusCode).toBe(200);

  it('serves a caught-up replica, and a cursor ahead of a lagging one from the primary', async () => {
    const first = await pullFrom(INITIAL_CURSOR);
    expect(served().replica).toBeGreaterThan(0);
    const [a, b] = (await worker.get('/api/patients/')).json<Patient[]>();

    const before = served();
    const lagging = await withReplayPaused(async () => {
      // The replica holds neither edit: the first pull must still return the caller's own write,
      // and its cursor is then ahead of everything the replica has applied.
      await rename(a!.id, 'lagging 1');
      const one = await pullFrom(first.cursor);
      expect(one.received).toEqual([`${a!.id}@${a!.server_version + 1}`]);
      await rename(b!.id, 'lagging 2');
      const two = await pullFrom(one.cursor);
      expect(two.received).toEqual([`${b!.id}@${b!.server_version + 1}`]);
      return two;
    });
    const during = served();
    expect(during.replica).toBe(before.replica);
    expect(during.primary).toBeGreaterThan(before.primary);

    // Replay resumed: the replica catches up and serves the cursor the primary handed out.
    await rename(a!.id, 'caught up');
    await waitForReplica(inject('postgresTestRun').adminUrl);
    const three = await pullFrom(lagging.cursor);
    expect(three.received).toEqual([`${a!.id}@${a!.server_version + 2}`]);
    expect(served().replica).toBeGreaterThan(during.replica);
  });
});
