import { klona } from 'klona/lite';
import type { MetaKey, MetaValues } from './meta';
import { LOCAL_SCHEMA_VERSION, migrationsAfter, schemaTooNew } from './migrations';
import type { Migration, SchemaBuilder } from './migrations';
import { Mutex } from './mutex';
import type { IndexQuery, ReadTx, SyncStore, WriteTx } from './sync-store';
import { readKeyPath } from './tables';
import type { TableDefinition, TableName, TableRows } from './tables';

type Row = Record<string, unknown>;

/**
 * Rows go in and come out as copies, as with IndexedDB's structured clone, so neither side can
 * change the other's objects. Rows are plain data; klona copies them ~7× faster than
 * structuredClone, which was most of a first sync's client time on this store.
 */
const copyOf = <T>(value: T): T => klona(value);

/**
 * What an in-memory database keeps between "restarts": open a new store on the same backend to
 * simulate an app reload (tests, the property test's device restarts).
 */
export class MemoryBackend {
  version = 0;
  readonly schema = new Map<
    TableName,
    { keyPath: string; indexes: Map<string, { path: string; multiEntry: boolean }> }
  >();
  readonly tables = new Map<TableName, Map<string, Row>>();
}

const DELETED = Symbol('deleted');

/** Staged writes of one transaction, applied to the backend only when the transaction's function returns. */
class Overlay {
  readonly cleared = new Set<TableName>();
  readonly rows = new Map<TableName, Map<string, Row | typeof DELETED>>();

  staged(table: TableName): Map<string, Row | typeof DELETED> {
    let map = this.rows.get(table);
    if (!map) this.rows.set(table, (map = new Map()));
    return map;
  }
}

class MemoryTx implements WriteTx {
  readonly #backend: MemoryBackend;
  readonly #overlay: Overlay | null;

  constructor(backend: MemoryBackend, overlay: Overlay | null) {
    this.#backend = backend;
    this.#overlay = overlay;
  }

  #table(table: TableName) {
    const rows = this.#backend.tables.get(table);
    const schema = this.#backend.schema.get(table);
    if (!rows || !schema) throw new Error(`No table ${table}`);
    return { rows, schema };
  }

  #visible(table: TableName): Map<string, Row> {
    const { rows } = this.#table(table);
    const overlay = this.#overlay;
    const merged = new Map(overlay?.cleared.has(table) ? [] : rows);
    for (const [key, row] of overlay?.rows.get(table) ?? []) {
      if (row === DELETED) merged.delete(key);
      else merged.set(key, row);
    }
    return merged;
  }

  async get<T extends TableName>(table: T, key: string): Promise<TableRows[T] | undefined> {
    const staged = this.#overlay?.rows.get(table)?.get(key);
    if (staged === DELETED) return undefined;
    const row =
      staged ?? (this.#overlay?.cleared.has(table) ? undefined : this.#table(table).rows.get(key));
    return row === undefined ? undefined : (copyOf(row) as TableRows[T]);
  }

  async getAll<T extends TableName>(table: T): Promise<TableRows[T][]> {
    return sortedByKey(this.#visible(table)).map((row) => copyOf(row) as TableRows[T]);
  }

  async getByIndex<T extends TableName>(
    table: T,
    index: string,
    query: IndexQuery,
  ): Promise<TableRows[T][]> {
    const definition = this.#table(table).schema.indexes.get(index);
    if (!definition) throw new Error(`No index ${table}.${index}`);
    const hits: { value: string; key: string; row: Row }[] = [];
    for (const [key, row] of this.#visible(table)) {
      const raw = readKeyPath(row, definition.path);
      const values = definition.multiEntry && Array.isArray(raw) ? [...new Set(raw)] : [raw];
      const match = values
        .filter((v): v is string => typeof v === 'string' && matches(v, query))
        .sort()[0];
      if (match !== undefined) hits.push({ value: match, key, row });
    }
    hits.sort((a, b) => compare(a.value, b.value) || compare(a.key, b.key));
    return hits.map((hit) => copyOf(hit.row) as TableRows[T]);
  }

  async count(table: TableName): Promise<number> {
    return this.#visible(table).size;
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const entry = await this.get('meta', key);
    return entry?.value as MetaValues[K] | undefined;
  }

  #writable(): Overlay {
    if (!this.#overlay) throw new Error('Read transactions cannot write');
    return this.#overlay;
  }

  async put<T extends TableName>(table: T, row: TableRows[T]): Promise<void> {
    const { schema } = this.#table(table);
    const key = readKeyPath(row, schema.keyPath);
    if (typeof key !== 'string') throw new Error(`Row of ${table} has no string ${schema.keyPath}`);
    this.#writable()
      .staged(table)
      .set(key, copyOf(row) as unknown as Row);
  }

  async delete(table: TableName, key: string): Promise<void> {
    this.#table(table);
    this.#writable().staged(table).set(key, DELETED);
  }

  async clear(table: TableName): Promise<void> {
    this.#table(table);
    const overlay = this.#writable();
    overlay.cleared.add(table);
    overlay.rows.delete(table);
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await this.put('meta', { key, value } as TableRows['meta']);
  }
}

function matches(value: string, query: IndexQuery): boolean {
  return 'equals' in query ? value === query.equals : value >= query.from && value < query.to;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedByKey(rows: Map<string, Row>): Row[] {
  return [...rows.entries()].sort(([a], [b]) => compare(a, b)).map(([, row]) => row);
}

function commit(backend: MemoryBackend, overlay: Overlay): void {
  for (const table of overlay.cleared) backend.tables.get(table)?.clear();
  for (const [table, rows] of overlay.rows) {
    const target = backend.tables.get(table);
    if (!target) continue;
    for (const [key, row] of rows) {
      if (row === DELETED) target.delete(key);
      else target.set(key, row);
    }
  }
}

function schemaBuilder(backend: MemoryBackend): SchemaBuilder {
  return {
    createTable(name: TableName, definition: TableDefinition) {
      const indexes = new Map(
        Object.entries(definition.indexes).map(([index, d]) => [
          index,
          { path: d.path, multiEntry: d.multiEntry ?? false },
        ]),
      );
      backend.schema.set(name, { keyPath: definition.keyPath, indexes });
      backend.tables.set(name, new Map());
    },
    createIndex(table, index, path, multiEntry) {
      backend.schema.get(table)?.indexes.set(index, { path, multiEntry });
    },
    deleteIndex(table, index) {
      backend.schema.get(table)?.indexes.delete(index);
    },
  };
}

export interface MemoryStoreOptions {
  /** Keep this to reopen the same data later (a simulated restart). */
  backend?: MemoryBackend;
  migrations?: readonly Migration[];
}

/** An in-memory SyncStore with the same transaction semantics as the IndexedDB one. */
export async function openMemoryStore(options: MemoryStoreOptions = {}): Promise<SyncStore> {
  const backend = options.backend ?? new MemoryBackend();
  const migrations = options.migrations ?? undefined;
  const target = migrations
    ? migrations.reduce((max, m) => Math.max(max, m.version), 0)
    : LOCAL_SCHEMA_VERSION;
  if (backend.version > target) throw schemaTooNew(backend.version, target);
  const mutex = new Mutex();
  let closed = false;

  for (const migration of migrationsAfter(backend.version, migrations)) {
    migration.schema?.(schemaBuilder(backend));
    if (migration.data) {
      const overlay = new Overlay();
      await migration.data(new MemoryTx(backend, overlay));
      commit(backend, overlay);
    }
    backend.version = migration.version;
  }

  const guard = () => {
    if (closed) throw new Error('The store is closed');
  };

  return {
    read(fn) {
      return mutex.run(async () => {
        guard();
        return fn(new MemoryTx(backend, null));
      });
    },
    write(fn) {
      return mutex.run(async () => {
        guard();
        const overlay = new Overlay();
        const result = await fn(new MemoryTx(backend, overlay));
        commit(backend, overlay);
        return result;
      });
    },
    async close() {
      closed = true;
    },
  } satisfies SyncStore as SyncStore;
}

export type { ReadTx, WriteTx };
