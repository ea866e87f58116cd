import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadResponse, INITIAL_CURSOR } from '@healthsync/contracts';
import type { PullProgress } from '@healthsync/sync-client';
import { openInProcessDevice } from './test/in-process-device';
import { createTestApp, type Caller, type TestApp } from './test/test-app';

/** Issue 19, item 3: a first sync reports what it downloads and "n of about m" as it goes. */
let t: TestApp;
let worker: Caller;
beforeAll(async () => {
  t = await createTestApp();
  worker = await t.as('worker');
  for (let i = 0; i < 6; i += 1) await worker.post('/api/patients/', { name: `Progress ${i}` });
});
afterAll(() => t.close());

describe('first-sync progress in the status', () => {
  it('counts rows pulled against the total the API estimates, page after page', async () => {
    const everything = DownloadResponse.parse(
      (await worker.get(`/api/sync/download/?since=${INITIAL_CURSOR}&limit=5000`)).json(),
    );
    const total = everything.changes.length;

    const client = await openInProcessDevice(t, 'worker', {
      deviceId: 'new-phone',
      pageSize: 3,
      maxPageSize: 3,
    });
    const seen: PullProgress[] = [];
    const unsubscribe = client.status.subscribe(() => {
      const { progress } = client.status.getSnapshot();
      if (progress && seen.at(-1) !== progress) seen.push(progress);
    });
    try {
      const final = await client.syncNow();
      expect(final).toMatchObject({ lastError: null, progress: null, phase: 'idle' });
    } finally {
      unsubscribe();
      await client.close();
    }

    expect(seen[0]).toEqual({ pulled: 0, total: null, table: null });
    const pages = seen.slice(1);
    expect(pages.map((p) => p.pulled)).toEqual(
      Array.from({ length: Math.ceil(total / 3) }, (_, i) => Math.min(total, (i + 1) * 3)),
    );
    for (const page of pages) expect(page.total).toBe(total);
    expect(pages.some((p) => p.table === 'patients')).toBe(true);
    expect(pages.every((p) => p.table !== null)).toBe(true);
  });
});
