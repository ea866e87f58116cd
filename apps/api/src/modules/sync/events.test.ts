import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { openDatabase, type Database } from '../../db/open-database';
import { loadEnv } from '../../env';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../test/test-app';
import { testDatabaseKind } from '../../test/test-database';

/** GET /api/sync/events: "pull now" for online clients when a change in their scope commits. */
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t.close());

/** Opens the stream and resolves with its text once it holds `count` change events. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/sync/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const readUntil = async (predicate: (text: string) => boolean) => {
    while (!predicate(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return text;
  };
  await readUntil((s) => s.includes(': connected'));
  return { response, readUntil, close: () => controller.abort() };
}

const changeEvents = (text: string) =>
  text.split('\n\n').filter((block) => block.startsWith('event: change')).length;

describe('sync events', () => {
  it('need a token', async () => {
    const response = await fetch(`${base}/api/sync/events`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      detail: 'Authentication credentials were not provided.',
    });
  });

  it('tell a connected device when a change in its facility commits', async () => {
    const stream = await openStream(base, await t.tokenFor('doctor'));
    expect(stream.response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const worker = await t.as('worker');
    await worker.post('/api/patients/', { name: 'Announced Patient' });
    const text = await stream.readUntil((s) => changeEvents(s) >= 1);
    expect(text).toContain('event: change\ndata: {"scope":"facility"}');
    stream.close();
  });

  it('tell every facility about shared rows such as stock', async () => {
    const stream = await openStream(base, await t.tokenFor('worker2'));
    const admin = await t.as('admin');
    await admin.post('/api/admin/medicines/', { name: 'Zinc 20mg' });
    expect(await stream.readUntil((s) => changeEvents(s) >= 1)).toContain('"scope":"shared"');
    stream.close();
  });

  it.runIf(testDatabaseKind === 'postgres')(
    'carry a change committed through another API instance',
    async () => {
      const databaseUrl = (t.database.migrationTarget as { databaseUrl: string }).databaseUrl;
      let second: Database | undefined;
      let other: FastifyInstance | undefined;
      try {
        second = await openDatabase({ databaseUrl });
        const config = loadEnv({
          NODE_ENV: 'test',
          JWT_SECRET: TEST_JWT_SECRET,
          LOG_LEVEL: 'silent',
          TOMBSTONE_RETENTION_DAYS: '0',
        });
        other = await buildApp({ config, database: second });
        const otherUrl = await other.listen({ host: '127.0.0.1', port: 0 });
        const stream = await openStream(otherUrl, await t.tokenFor('doctor'));
        const worker = await t.as('worker');
        await worker.post('/api/patients/', { name: 'Written On Instance One' });
        expect(
          changeEvents(await stream.readUntil((s) => changeEvents(s) >= 1)),
        ).toBeGreaterThanOrEqual(1);
        stream.close();
      } finally {
        await other?.close();
        await second?.close();
      }
    },
  );
});
