import { describe, expect, it } from 'vitest';
import type { Patient } from '@healthsync/contracts';
import { createKeyring } from '../crypto/keyring';
import { createSyncClient } from '../client';
import { memoryTokenStore } from '../sync/auth';
import { manualSignals } from '../platform-signals';
import { ManualClock } from '../clock';
import { TEST_KEYS, uniqueName } from '../test/stores';
import { openIdbStore } from './idb-store';
import { copyPlainStore } from './seal-plain-store';
import { sealStore } from './sealed-store';
import type { SyncStore } from './sync-store';
import { TABLE_NAMES } from './tables';

const PATIENT = { name: 'Asha Devi Rao', phone_number: '+91 98220 12345', dob: '1990-04-02' };

async function rawDump(store: SyncStore): Promise<string> {
  const all = await store.read((tx) => Promise.all(TABLE_NAMES.map((t) => tx.getAll(t))));
  return JSON.stringify(all);
}

async function clientOn(store: SyncStore) {
  return createSyncClient({
    store,
    baseUrl: 'http://offline.invalid',
    tokens: memoryTokenStore(),
    fetch: () => Promise.reject(new Error('offline')),
    clock: new ManualClock(0),
    signals: manualSignals(),
  });
}

describe('sealed store', () => {
  it('stores rows, outbox and indexes with no patient text, and still searches them', async () => {
    const name = uniqueName('sealed');
    const inner = await openIdbStore({ name });
    const client = await clientOn(sealStore(inner, TEST_KEYS));
    const created = await client.patients.create(PATIENT);
    await client.patients.update(created.id, { address: 'Ward 4, Nabha' });

    const raw = await rawDump(inner);
    for (const text of ['Asha', 'asha', 'Devi', 'Rao', '98220', '12345', '1990-04-02', 'Nabha'])
      expect(raw).not.toContain(text);

    expect((await client.patients.search('ash ra')).map((p) => p.id)).toEqual([created.id]);
    expect((await client.patients.search('devil')).map((p) => p.id)).toEqual([]);
    expect((await client.patients.searchPhone('2012')).map((p) => p.id)).toEqual([created.id]);
    expect((await client.patients.searchPhone('2013')).map((p) => p.id)).toEqual([]);
    expect(client.status.getSnapshot().pendingCount).toBeGreaterThan(0);
    await client.close();
  });

  it('cannot be read with another key', async () => {
    const name = uniqueName('sealed');
    const store = sealStore(await openIdbStore({ name }), TEST_KEYS);
    const client = await clientOn(store);
    await client.patients.create(PATIENT);
    await client.close();
    const other = (await createKeyring('someone else', 1_000)).keys;
    const stranger = sealStore(await openIdbStore({ name }), other);
    await expect(stranger.read((tx) => tx.getAll('patients'))).rejects.toThrow();
    await stranger.close();
  });

  it('takes over a plain database whole, unsynced work included, once', async () => {
    const plainName = uniqueName('plain');
    const plain = await openIdbStore({ name: plainName });
    const before = await clientOn(plain);
    const p = await before.patients.create(PATIENT);
    const deviceId = before.deviceId;
    await before.close();

    const plainAgain = await openIdbStore({ name: plainName });
    const sealedName = uniqueName('sealed');
    const sealed = sealStore(await openIdbStore({ name: sealedName }), TEST_KEYS);
    expect(await copyPlainStore(plainAgain, sealed)).toBe(true);

    const after = await clientOn(sealed);
    expect(after.deviceId).toBe(deviceId);
    expect((await after.patients.get(p.id))?.name).toBe(PATIENT.name);
    expect(after.status.getSnapshot()).toMatchObject({ pendingCount: 1, safeToWipe: false });
    await after.patients.update(p.id, { name: 'Asha D. Rao' });

    // Interrupted before the plain database was deleted: the copy is not repeated over new work.
    expect(await copyPlainStore(plainAgain, sealed)).toBe(false);
    expect(((await after.patients.get(p.id)) as Patient | undefined)?.name).toBe('Asha D. Rao');
    expect(await rawDump(plainAgain)).toContain('Asha');
    await plainAgain.close();
    await after.close();
  });

  it('fails, never hangs, when read after its store was closed', async () => {
    const store = sealStore(await openIdbStore({ name: uniqueName('sealed') }), TEST_KEYS);
    await store.close();
    await expect(store.read((tx) => tx.get('patients', 'p1'))).rejects.toThrow();
    await expect(store.write((tx) => tx.get('patients', 'p1'))).rejects.toThrow();
  });
});
