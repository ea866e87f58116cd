import { INITIAL_CURSOR } from '@healthsync/contracts';
import { describe, expect, it } from 'vitest';
import { FakeServer } from '../test/fake-server';
import { harness } from '../test/client-harness';
import { STORE_KINDS, uniqueName } from '../test/stores';
import { adoptScope, forgetSyncedData } from './local-scope';
import { TABLE_NAMES } from './tables';

const sealed = STORE_KINDS.find((k) => k.name === 'sealed indexeddb')!;

async function synced() {
  const server = new FakeServer();
  server.seed('Patient', { name: 'Old Facility Patient' });
  const store = await sealed.open(uniqueName());
  const { client } = await harness(store, server);
  await client.syncNow();
  const mine = await client.patients.create({ name: 'Unsent Visit Patient' });
  return { server, store, client, mine };
}

describe('local scope', () => {
  it('keeps only unsent work when the account is revoked or signs out with work left', async () => {
    const { store, client, mine } = await synced();
    await client.stop();
    expect(await forgetSyncedData(store)).toBe(1);
    const left = await store.read((tx) => tx.getAll('patients'));
    expect(left.map((r) => r.id)).toEqual([mine.id]);
    expect(left[0]!.server).toBeNull();
    expect(await store.read((tx) => tx.getMeta('cursor'))).toBe(INITIAL_CURSOR);
    await client.close();
  });

  it('drops the old facility’s copy when the user moved, and only then', async () => {
    const { store, client, mine } = await synced();
    await client.stop();
    expect(await adoptScope(store, 'facility-a')).toBe(false);
    expect(await adoptScope(store, 'facility-a')).toBe(false);
    expect(await store.read((tx) => tx.count('patients'))).toBe(2);
    expect(await adoptScope(store, 'facility-b')).toBe(true);
    const dump = JSON.stringify(
      await store.read((tx) => Promise.all(TABLE_NAMES.map((t) => tx.getAll(t)))),
    );
    expect(dump).not.toContain('Old Facility Patient');
    expect((await store.read((tx) => tx.getAll('patients'))).map((r) => r.id)).toEqual([mine.id]);
    await client.close();
  });
});
