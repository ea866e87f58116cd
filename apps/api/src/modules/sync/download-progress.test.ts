import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DownloadResponse,
  INITIAL_CURSOR,
  requestHeader,
  WIRE_HEADERS,
} from '@healthsync/contracts';

const REMAINING = requestHeader(WIRE_HEADERS.syncRemaining);
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';

/** Issue 19, item 3: a long pull tells the client about how much is left, in a header. */
let t: TestApp, worker: Caller, worker2: Caller;
beforeAll(async () => {
  ({ t, worker, worker2 } = await openTestApp('worker', 'worker2'));
  for (let i = 0; i < 5; i += 1) await worker.post('/api/patients/', { name: `Progress ${i}` });
});
afterAll(() => t.close());

const download = (caller: Caller, since: string, limit: number) =>
  caller.get(`/api/sync/download/?since=${encodeURIComponent(since)}&limit=${limit}`);

describe('X-Sync-Remaining on GET /api/sync/download/', () => {
  it('counts the rows in scope after each page, down to none, with the spec body unchanged', async () => {
    const all = DownloadResponse.parse((await download(worker, INITIAL_CURSOR, 5000)).json());
    const total = all.changes.length;
    expect(total).toBeGreaterThan(6);

    let since = INITIAL_CURSOR;
    let pulled = 0;
    for (;;) {
      const response = await download(worker, since, 3);
      expect(response.statusCode).toBe(200);
      const page = DownloadResponse.strict().parse(response.json());
      pulled += page.changes.length;
      if (!page.has_more) {
        expect(response.headers[REMAINING]).toBeUndefined();
        break;
      }
      expect(response.headers[REMAINING]).toBe(String(total - pulled));
      since = page.next_cursor;
    }
    expect(pulled).toBe(total);
  });

  it("never counts another facility's rows", async () => {
    const mine = await download(worker, INITIAL_CURSOR, 1);
    await worker2.post('/api/patients/', { name: 'Elsewhere' });
    const again = await download(worker, INITIAL_CURSOR, 1);
    expect(again.headers[REMAINING]).toBe(mine.headers[REMAINING]);
  });
});
