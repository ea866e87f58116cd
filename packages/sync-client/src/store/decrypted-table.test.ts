import { describe, expect, it } from 'vitest';
import { DecryptedTable } from './decrypted-table';
import type { TableSource } from './decrypted-table';

type Row = Record<string, unknown>;

/**
 * A table on disk whose reads finish when the test says: each read sees the disk as it was when
 * the read started (as an IndexedDB transaction does), and resolves on `finish()`.
 */
function slowDisk(initial: Record<string, string>) {
  const disk = new Map(Object.entries(initial).map(([id, name]) => [id, { id, name } as Row]));
  const waiting: (() => void)[] = [];
  const later = <T>(value: T) =>
    new Promise<T>((resolve) => waiting.push(() => resolve(structuredClone(value))));
  const source: TableSource = {
    all: () => later(new Map(disk)),
    some: (keys) =>
      later(new Map(keys.filter((k) => disk.has(k)).map((k) => [k, disk.get(k)!] as const))),
  };
  return {
    disk,
    source,
    /** Lets every read started so far finish. */
    finish: async () => {
      for (const go of waiting.splice(0)) go();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

const names = (table: DecryptedTable) => table.all().map((row) => row.name);

describe('decrypted table', () => {
  it('keeps a write made while the table was being read, over the older data the read brings', async () => {
    const store = slowDisk({ a: 'Asha', b: 'Bina' });
    const table = new DecryptedTable(store.source);
    const building = table.ensure();
    // Committed after the read started: the read does not see it.
    store.disk.set('a', { id: 'a', name: 'Asha Rao' });
    table.written('a', { id: 'a', name: 'Asha Rao' });
    store.disk.delete('b');
    table.written('b', undefined);
    await store.finish();
    await building;
    expect(names(table)).toEqual(['Asha Rao']);
  });

  it('takes the newer of two re-reads of a key, whichever finishes first', async () => {
    const store = slowDisk({ a: 'Asha' });
    const table = new DecryptedTable(store.source);
    const building = table.ensure();
    await store.finish();
    await building;

    store.disk.set('a', { id: 'a', name: 'Asha 2' });
    const first = table.changedElsewhere(['a']);
    store.disk.set('a', { id: 'a', name: 'Asha 3' });
    const second = table.changedElsewhere(['a']);
    await store.finish();
    await Promise.all([second, first]);
    expect(names(table)).toEqual(['Asha 3']);
  });

  it('drops what a read brings from before a clear', async () => {
    const store = slowDisk({ a: 'Asha', b: 'Bina' });
    const table = new DecryptedTable(store.source);
    const building = table.ensure();
    store.disk.clear();
    table.cleared();
    store.disk.set('c', { id: 'c', name: 'Chetan' });
    table.written('c', { id: 'c', name: 'Chetan' });
    await store.finish();
    await building;
    expect(names(table)).toEqual(['Chetan']);
  });

  it('reads the table again when forgotten during its read, and hands out copies', async () => {
    const store = slowDisk({ a: 'Asha' });
    const table = new DecryptedTable(store.source);
    const building = table.ensure();
    table.forget();
    store.disk.set('b', { id: 'b', name: 'Bina' });
    await store.finish();
    await store.finish();
    await building;
    expect(names(table)).toEqual(['Asha', 'Bina']);
    table.get('a')!.name = 'changed';
    expect(table.byIndex('name', { from: 'A', to: 'A\uffff' })).toEqual([
      { id: 'a', name: 'Asha' },
    ]);

    table.forget();
    expect(table.ready).toBe(false);
    expect(table.size).toBe(0);
  });
});
