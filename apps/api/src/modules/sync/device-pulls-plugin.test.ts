import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIAL_CURSOR } from '@healthsync/contracts';
import { seedDemo } from '../../demo/seed-demo';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import databasePlugin from '../../plugins/database';
import devicePullsPlugin from './device-pulls-plugin';

let database: TestDatabase;
let workerId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.prisma);
  workerId = (await database.prisma.user.findFirstOrThrow({ where: { username: 'worker' } })).id;
});
afterAll(() => database.close());

/** The plugin alone, with a timer that never fires during a test. */
async function pullLog(): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(databasePlugin, { database });
  await app.register(devicePullsPlugin, { intervalMs: 3_600_000 });
  await app.ready();
  return app;
}

const deviceRow = (deviceId: string) =>
  database.prisma.syncDevice.findFirst({ where: { deviceId } });

describe('device pull records', () => {
  it('are written on flush, not when noted: each device’s latest pull, in one statement', async () => {
    const app = await pullLog();
    app.devicePulls.note({ userId: workerId, deviceId: 'tab-a', cursor: 'c1' });
    app.devicePulls.note({ userId: workerId, deviceId: 'tab-a', cursor: 'c2' });
    app.devicePulls.note({ userId: workerId, deviceId: 'tab-b', cursor: 'c1' });
    // A user deleted since the pull is skipped, and does not cost the others their records.
    app.devicePulls.note({ userId: randomUUID(), deviceId: 'tab-gone', cursor: 'c1' });
    expect(await deviceRow('tab-a')).toBeNull();

    await app.devicePulls.flush();
    expect(await deviceRow('tab-a')).toMatchObject({ lastCursor: 'c2' });
    expect((await deviceRow('tab-a'))!.lastPullAt).toBeInstanceOf(Date);
    expect(await deviceRow('tab-b')).toMatchObject({ lastCursor: 'c1' });
    expect(await deviceRow('tab-gone')).toBeNull();
    await app.close();
  });

  it('never move last_seen_at back behind a later upload', async () => {
    const app = await pullLog();
    app.devicePulls.note({ userId: workerId, deviceId: 'tab-c', cursor: 'c1' });
    const later = new Date(Date.now() + 60_000);
    await database.prisma.syncDevice.create({
      data: { userId: workerId, deviceId: 'tab-c', lastSeenAt: later },
    });
    await app.devicePulls.flush();
    expect(await deviceRow('tab-c')).toMatchObject({ lastSeenAt: later, lastCursor: 'c1' });
    await app.close();
  });

  it('are written when the app closes', async () => {
    const app = await pullLog();
    app.devicePulls.note({ userId: workerId, deviceId: 'tab-d', cursor: 'c1' });
    await app.close();
    expect(await deviceRow('tab-d')).toMatchObject({ lastCursor: 'c1' });
  });
});

describe('a download with X-Device-Id', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is in the admin’s device list at once, with the cursor it was handed', async () => {
    const worker = await t.as('worker');
    const pull = (
      await worker.get(`/api/sync/download/?since=${INITIAL_CURSOR}&limit=2`, {
        'x-device-id': 'tab-e',
      })
    ).json<{ next_cursor: string }>();
    const admin = await t.as('admin');
    const devices = (await admin.get('/api/admin/devices/')).json<
      { device_id: string; last_cursor: string | null }[]
    >();
    expect(devices.find((d) => d.device_id === 'tab-e')).toMatchObject({
      last_cursor: pull.next_cursor,
    });
  });
});
