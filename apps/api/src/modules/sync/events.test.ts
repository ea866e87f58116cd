import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeEvents, openEventStream } from '../../test/event-stream';
import { createSecondInstance, openListeningTestApp, type TestApp } from '../../test/test-app';
import { testDatabaseKind } from '../../test/test-database';

/** GET /api/sync/events: "pull now" for online clients when a change in their scope commits. */
let t: TestApp, base: string;
beforeAll(async () => ({ t, base } = await openListeningTestApp()));
afterAll(() => t.close());

describe('sync events', () => {
  it('need a token', async () => {
    const response = await fetch(`${base}/api/sync/events`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      detail: 'Authentication credentials were not provided.',
    });
  });

  it('tell a connected device when a change in its facility commits', async () => {
    const stream = await openEventStream(base, await t.tokenFor('doctor'));
    expect(stream.response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const worker = await t.as('worker');
    await worker.post('/api/patients/', { name: 'Announced Patient' });
    const text = await stream.readUntil((s) => changeEvents(s) >= 1);
    expect(text).toContain('event: change\ndata: {"scope":"facility"}');
    stream.close();
  });

  it('tell every facility about shared rows such as stock', async () => {
    const stream = await openEventStream(base, await t.tokenFor('worker2'));
    const admin = await t.as('admin');
    await admin.post('/api/admin/medicines/', { name: 'Zinc 20mg' });
    expect(await stream.readUntil((s) => changeEvents(s) >= 1)).toContain('"scope":"shared"');
    stream.close();
  });

  it.runIf(testDatabaseKind === 'postgres')(
    'carry a change committed through another API instance',
    async () => {
      const other = await createSecondInstance(t);
      try {
        const otherUrl = await other.app.listen({ host: '127.0.0.1', port: 0 });
        const stream = await openEventStream(otherUrl, await t.tokenFor('doctor'));
        const worker = await t.as('worker');
        await worker.post('/api/patients/', { name: 'Written On Instance One' });
        expect(
          changeEvents(await stream.readUntil((s) => changeEvents(s) >= 1)),
        ).toBeGreaterThanOrEqual(1);
        stream.close();
      } finally {
        await other.close();
      }
    },
  );
});
