import { openDB } from 'idb';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { MetaKey, MetaValues } from './meta';
import { LOCAL_SCHEMA_VERSION, MIGRATIONS, migrationsAfter, schemaTooNew } from './migrations';
import type { Migration, SchemaBuilder } from './migrations';
import type { IndexQuery, SyncStore, WriteTx } from './sync-store';
import { TABLE_NAMES } from './tables';
import type { TableName, TableRows } from './tables';

type AnyTx = IDBPTransaction<unknown, ArrayLike<string>, IDBTransactionMode | 'versionchange'>;

class IdbTx implements WriteTx {
  readonly #tx: AnyTx;
  constructor(tx: AnyTx) {
    this.#tx = tx;
  }

  #store(table: TableName) {
    return this.#tx.objectStore(table);
  }

  async get<T extends TableName>(table: T, key: string): Promise<TableRows[T] | undefined> {
    return (await this.#store(table).get(key)) as TableRows[T] | undefined;
  }

  async getAll<T extends TableName>(table: T): Promise<TableRows[T][]> {
    return (await this.#store(table).getAll()) as TableRows[T][];
  }

  async getByIndex<T extends TableName>(
    table: T,
    index: string,
    query: IndexQuery,
  ): Promise<TableRows[T][]> {
    const range =
      'equals' in query
        ? IDBKeyRange.only(query.equals)
        : IDBKeyRange.bound(query.from, query.to, false, true);
    const rows = (await this.#store(table).index(index).getAll(range)) as TableRows[T][];
    // A multiEntry index yields a row once per matching element.
    const keyPath = String(this.#store(table).keyPath);
    const seen = new Set<unknown>();
    return rows.filter((row) => {
      const key = (row as Record<string, unknown>)[keyPath];
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  async count(table: TableName): Promise<number> {
    return this.#store(table).count();
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const entry = await this.get('meta', key);
    return entry?.value as MetaValues[K] | undefined;
  }

  async put<T extends TableName>(table: T, row: TableRows[T]): Promise<void> {
    const store = this.#store(table);
    if (!store.put) throw new Error('Read transactions cannot write');
    await store.put(row);
  }

  async delete(table: TableName, key: string): Promise<void> {
    const store = this.#store(table);
    if (!store.delete) throw new Error('Read transactions cannot write');
    await store.delete(key);
  }

  async clear(table: TableName): Promise<void> {
    const store = this.#store(table);
    if (!store.clear) throw new Error('Read transactions cannot write');
    await store.clear();
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await this.put('meta', { key, value } as TableRows['meta']);
  }
}

async function runInTx<R>(tx: AnyTx, fn: (tx: IdbTx) => Promise<R>): Promise<R> {
  try {
    const result = await fn(new IdbTx(tx));
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    tx.done.catch(() => undefined);
    throw error;
  }
}

export interface IdbStoreOptions {
  /** The IndexedDB database name; one per signed-in user keeps users' data apart. */
  name: string;
  migrations?: readonly Migration[];
}

/**
 * The browser SyncStore: one IndexedDB database, one object store per table, every `write` one
 * readwrite transaction over all of them. Migrations run in the versionchange transaction.
 */
export async function openIdbStore(options: IdbStoreOptions): Promise<SyncStore> {
  const migrations = options.migrations ?? MIGRATIONS;
  const target = options.migrations
    ? migrations.reduce((max, m) => Math.max(max, m.version), 0)
    : LOCAL_SCHEMA_VERSION;
  let pendingData: Promise<void> = Promise.resolve();
  let db: IDBPDatabase;
  try {
    db = await openDB(options.name, target, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        const upgradeTx = transaction as unknown as AnyTx;
        const builder: SchemaBuilder = {
          createTable(name, definition) {
            const store = database.createObjectStore(name, { keyPath: definition.keyPath });
            for (const [index, d] of Object.entries(definition.indexes)) {
              store.createIndex(index, d.path, { multiEntry: d.multiEntry ?? false });
            }
          },
          createIndex(table, index, path, multiEntry) {
            transaction
              .objectStore(table as never)
              .createIndex(index as never, path, { multiEntry });
          },
          deleteIndex(table, index) {
            transaction.objectStore(table as never).deleteIndex(index as never);
          },
        };
        const steps = migrationsAfter(oldVersion, migrations);
        for (const step of steps) step.schema?.(builder);
        const tx = new IdbTx(upgradeTx);
        pendingData = steps.reduce<Promise<void>>(
          (previous, step) => previous.then(() => step.data?.(tx)),
          Promise.resolve(),
        );
        pendingData.catch(() => {
          try {
            transaction.abort();
          } catch {
            // Already finished.
          }
        });
      },
      blocking() {
        // A newer version of the app wants to upgrade: let it.
        db.close();
      },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') {
      const existing = await openDB(options.name);
      const found = existing.version;
      existing.close();
      throw schemaTooNew(found, target);
    }
    throw error;
  }
  await pendingData;

  // An older schema (a test opening a past version) lacks the tables later steps add.
  const all = TABLE_NAMES.filter((name) => db.objectStoreNames.contains(name));
  return {
    read: (fn) => runInTx(db.transaction(all, 'readonly') as unknown as AnyTx, fn),
    write: (fn) => runInTx(db.transaction(all, 'readwrite') as unknown as AnyTx, fn),
    async close() {
      db.close();
    },
  };
}
