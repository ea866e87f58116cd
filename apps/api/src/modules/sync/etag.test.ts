import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIAL_CURSOR } from '@healthsync/contracts';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';

/** Invariant 8: cheap when nothing changed. */
let t: TestApp, worker: Caller, worker2: Caller;
beforeAll(async () => ({ t, worker, worker2 } = await openTestApp('worker', 'worker2')));
afterAll(() => t.close());

const SYNC_GETS = [
  '/api/patients/sync/',
  '/api/appointments/sync/',
  '/api/records/sync/',
  '/api/doctors/sync/',
  '/api/pharmacy-inventory/sync/',
  `/api/sync/download/?since=${INITIAL_CURSOR}`,
];

describe('ETag and 304', () => {
  it.each(SYNC_GETS)(
    '%s answers If-None-Match with an empty 304 until something in scope changes',
    async (url) => {
      const first = await worker.get(url);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      const again = await worker.get(url, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers['x-last-sync']).toBeDefined();
    },
  );

  it("changes when anything in the caller's scope changes, not when another facility writes", async () => {
    const url = '/api/patients/sync/';
    const etag = (await worker.get(url)).headers.etag as string;
    await worker2.post('/api/patients/', { name: 'Other Facility' });
    expect((await worker.get(url, { 'if-none-match': etag })).statusCode).toBe(304);
    await worker.post('/api/patients/', { name: 'Same Facility' });
    const changed = await worker.get(url, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('differs between query parameters and between facilities', async () => {
    const a = (await worker.get('/api/patients/sync/')).headers.etag;
    const b = (await worker.get('/api/patients/sync/?limit=1')).headers.etag;
    const c = (await worker2.get('/api/patients/sync/')).headers.etag;
    const d = (
      await worker.get(
        `/api/patients/sync/?last_sync_timestamp=${encodeURIComponent(INITIAL_CURSOR)}`,
      )
    ).headers.etag;
    expect(new Set([a, b, c, d]).size).toBe(4);
  });

  it('compresses sync bodies for clients that accept it', async () => {
    for (let i = 0; i < 20; i++)
      await worker.post('/api/patients/', {
        name: `Compressible ${i}`,
        address: 'Village Gram, District Sangli',
      });
    const response = await worker.get(`/api/sync/download/?since=${INITIAL_CURSOR}`, {
      'accept-encoding': 'br, gzip',
    });
    expect(response.headers['content-encoding']).toBe('br');
  });
});
