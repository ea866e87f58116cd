import { describe, expect, it, vi } from 'vitest';
import { sealJson } from '../crypto/seal';
import { emptyRow } from '../local/row-ops';
import { FakeServer } from '../test/fake-server';
import { harness } from '../test/client-harness';
import { TEST_KEYS, uniqueName } from '../test/stores';
import { openIdbStore } from './idb-store';
import { sealStore } from './sealed-store';
import type { SealedStore } from './sealed-store';
import type { SyncStore } from './sync-store';

// Issue 16: the sealed store searches patients decrypted in memory, never on disk (sealed-store.ts,
// decrypted-table.ts). These hold it to the unencrypted store's answers and to its lifetime.

const FIRST = ['Asha', 'Sunita', 'Kavita', 'Pooja', 'Mahesh', 'Ravi', 'Rani', 'आशा', 'ਸੁਨੀਤਾ'];
const LAST = ['Patil', 'Jadhav', 'More', 'Kulkarni', 'Devi', 'Rao', 'Shinde', 'देवी'];
const QUERIES = [
  'a',
  'as',
  'asha',
  'dev ash',
  'ra',
  'rani',
  'kavita jadhav',
  'mahesh kul',
  'आ',
  'zz',
];
const PHONES = ['982', '9822', '2012', '555', '0000', '12'];

/** The same patients on the server every time (a fixed walk through the name lists). */
function seedPatients(server: FakeServer, n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    server.seed('Patient', {
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}${i % 5 === 0 ? ` ${FIRST[(i * 3) % FIRST.length]}` : ''}`,
      phone_number: i % 4 === 3 ? null : `+91 98${String(220_00000 + i * 7919).slice(0, 8)}`,
    }),
  );
}

/** The inner store, counting its read transactions. */
function counted(inner: SyncStore): { store: SyncStore; reads: () => number } {
  let reads = 0;
  return {
    store: {
      read: (fn) => {
        reads += 1;
        return inner.read(fn);
      },
      write: (fn) => inner.write(fn),
      close: () => inner.close(),
    },
    reads: () => reads,
  };
}

async function answers(client: Awaited<ReturnType<typeof harness>>['client']) {
  const byName = await Promise.all(QUERIES.map((q) => client.patients.search(q)));
  const byPhone = await Promise.all(PHONES.map((q) => client.patients.searchPhone(q)));
  return {
    byName: byName.map((rows) => rows.map((row) => [row.id, row.name, row._sync.pending])),
    byPhone: byPhone.map((rows) => rows.map((row) => row.id)),
    all: (await client.patients.list()).map((row) => row.id),
  };
}

describe('sealed store search (patients in memory)', () => {
  it('answers every name and phone search as the unencrypted store does, local edits included', async () => {
    const server = new FakeServer();
    const ids = seedPatients(server, 240);
    const plain = await harness(await openIdbStore({ name: uniqueName('plain') }), server);
    const sealed = await harness(
      sealStore(await openIdbStore({ name: uniqueName('sealed') }), TEST_KEYS),
      server,
    );
    for (const { client } of [plain, sealed]) {
      await client.syncNow();
      await client.patients.update(ids[3]!, { name: 'Rani Asha Kulkarni' });
      await client.patients.update(ids[8]!, { phone_number: '+91 55512 34567' });
      await client.patients.remove(ids[10]!);
    }
    const expected = await answers(plain.client);
    expect(expected.byName.find((rows) => rows.length > 20)).toBeDefined();
    expect(await answers(sealed.client)).toEqual(expected);
    await plain.client.close();
    await sealed.client.close();
  });

  it('keeps its index through local writes and pulled changes, and searches without reading the disk', async () => {
    const server = new FakeServer();
    const ids = seedPatients(server, 30);
    const inner = counted(await openIdbStore({ name: uniqueName('sealed') }));
    const store = sealStore(inner.store, TEST_KEYS);
    await store.warm();
    const { client } = await harness(store, server);
    await client.syncNow();
    const names = async (q: string) => (await client.patients.search(q)).map((p) => p.name);

    const created = await client.patients.create({
      name: 'Zubin Mistry',
      phone_number: '777 1234',
    });
    await client.patients.update(ids[0]!, { name: 'Zubeida Khan' });
    await client.patients.remove(ids[1]!);
    server.edit(ids[2]!, { name: 'Zoya Sheikh' });
    server.remove(ids[4]!);
    await client.syncNow();

    const before = inner.reads();
    expect((await names('zu')).sort()).toEqual(['Zubeida Khan', 'Zubin Mistry']);
    expect(await names('zoya')).toEqual(['Zoya Sheikh']);
    expect((await client.patients.searchPhone('7771')).map((p) => p.id)).toEqual([created.id]);
    const all = (await client.patients.list()).map((p) => p.id);
    expect(all).toHaveLength(30 - 2 + 1);
    expect(all).not.toContain(ids[1]);
    expect(all).not.toContain(ids[4]);
    expect(inner.reads()).toBe(before);
    await client.close();
  });

  it('drops the decrypted patients when told (the idle lock) and decrypts them again at the next search', async () => {
    const server = new FakeServer();
    seedPatients(server, 20);
    const inner = counted(await openIdbStore({ name: uniqueName('sealed') }));
    const store = sealStore(inner.store, TEST_KEYS);
    const { client } = await harness(store, server);
    await client.syncNow();
    const warm = await answers(client);

    store.forgetDecrypted();
    const before = inner.reads();
    await client.patients.search('asha');
    await client.patients.search('asha');
    // One full read of the table, then memory again.
    expect(inner.reads()).toBe(before + 1);
    expect(await answers(client)).toEqual(warm);
    await client.close();
  });

  it("hears another tab's writes through the channel", async () => {
    const name = uniqueName('sealed');
    const channel = uniqueName('channel');
    const server = new FakeServer();
    seedPatients(server, 10);
    const mine: SealedStore = sealStore(await openIdbStore({ name }), TEST_KEYS, { channel });
    const theirs = sealStore(await openIdbStore({ name }), TEST_KEYS, { channel });
    const a = await harness(mine, server);
    const b = await harness(theirs, server);
    await a.client.syncNow();
    await theirs.warm();
    expect(await b.client.patients.search('asha')).toHaveLength(2);

    const created = await a.client.patients.create({ name: 'Asha Gokhale' });
    await vi.waitFor(async () =>
      expect((await b.client.patients.search('gokh')).map((p) => p.id)).toEqual([created.id]),
    );
    await a.client.patients.remove(created.id);
    await vi.waitFor(async () => expect(await b.client.patients.search('gokh')).toEqual([]));
    expect(await b.client.patients.search('asha')).toHaveLength(2);
    await a.client.close();
    await b.client.close();
  });

  it('still opens rows sealed as base64 text (written before rows were stored as bytes)', async () => {
    const inner = await openIdbStore({ name: uniqueName('sealed') });
    const row = {
      ...emptyRow('p1', 'Patient'),
      server: { id: 'p1', name: 'Asha Rao' },
      serverVersion: 1,
      idx: { words: ['asha', 'rao'] },
    };
    const old = {
      id: 'p1',
      idx: {},
      sealed: await sealJson(TEST_KEYS.cipher, 'patients\u0000p1', row),
    };
    await inner.write((tx) => tx.put('patients', old as never));
    const store = sealStore(inner, TEST_KEYS);
    expect(await store.read((tx) => tx.get('patients', 'p1'))).toEqual(row);
    expect(await store.read((tx) => tx.getByIndex('patients', 'words', { equals: 'rao' }))).toEqual(
      [row],
    );
    await store.close();
  });
});
