import 'fake-indexeddb/auto';
import { createKeyring } from '../crypto/keyring';
import { openIdbStore } from '../store/idb-store';
import { sealStore } from '../store/sealed-store';
import { MemoryBackend, openMemoryStore } from '../store/memory-store';
import type { Migration } from '../store/migrations';
import { overridingTx } from '../store/sync-store';
import type { SyncStore, WriteTx } from '../store/sync-store';

/** A way to open a store by name; opening the same name again is an app restart. */
export interface StoreKind {
  name: string;
  open(name: string, migrations?: readonly Migration[]): Promise<SyncStore>;
  /** Migrations' data steps see the stored rows (false: they see sealed rows). */
  plainMigrations: boolean;
}

/** One data key for every sealed test store: reopening a name is a restart of the same user. */
export const TEST_KEYS = (await createKeyring('test password', 1_000)).keys;

const backends = new Map<string, MemoryBackend>();
let counter = 0;

export const STORE_KINDS: StoreKind[] = [
  {
    name: 'memory',
    open(name, migrations) {
      let backend = backends.get(name);
      if (!backend) backends.set(name, (backend = new MemoryBackend()));
      return openMemoryStore({ backend, ...(migrations ? { migrations } : {}) });
    },
    plainMigrations: true,
  },
  {
    name: 'indexeddb',
    open: (name, migrations) => openIdbStore({ name, ...(migrations ? { migrations } : {}) }),
    plainMigrations: true,
  },
  {
    name: 'sealed indexeddb',
    open: async (name, migrations) =>
      sealStore(await openIdbStore({ name, ...(migrations ? { migrations } : {}) }), TEST_KEYS),
    plainMigrations: false,
  },
];

export function uniqueName(prefix = 'db'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2)}`;
}

/** Wraps a store so that the n-th `put` (counted across transactions) throws. */
export function failingOnPut(store: SyncStore, failAt: number): SyncStore & { puts: number } {
  const wrapper = {
    puts: 0,
    read: store.read.bind(store),
    close: store.close.bind(store),
    write<R>(fn: (tx: WriteTx) => Promise<R>): Promise<R> {
      return store.write((tx) => {
        const faulty = overridingTx(tx, {
          async put(table, row) {
            wrapper.puts += 1;
            if (wrapper.puts === failAt)
              throw new Error(`injected failure on put #${wrapper.puts}`);
            return tx.put(table, row);
          },
        });
        return fn(faulty);
      });
    },
  };
  return wrapper;
}
