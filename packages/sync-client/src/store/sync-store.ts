import type { MetaKey, MetaValues } from './meta';
import type { TableName, TableRows } from './tables';

/** An index lookup: an exact value, or a half-open range [from, to) of strings. */
export type IndexQuery = { equals: string } | { from: string; to: string };

export function prefixQuery(prefix: string): IndexQuery {
  return { from: prefix, to: `${prefix}\uffff` };
}

export interface ReadTx {
  get<T extends TableName>(table: T, key: string): Promise<TableRows[T] | undefined>;
  getAll<T extends TableName>(table: T): Promise<TableRows[T][]>;
  /** Rows whose index value matches, each once, in key order of the index. */
  getByIndex<T extends TableName>(
    table: T,
    index: string,
    query: IndexQuery,
  ): Promise<TableRows[T][]>;
  count(table: TableName): Promise<number>;
  getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined>;
}

export interface WriteTx extends ReadTx {
  put<T extends TableName>(table: T, row: TableRows[T]): Promise<void>;
  delete(table: TableName, key: string): Promise<void>;
  clear(table: TableName): Promise<void>;
  setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void>;
}

/**
 * The local database, behind the smallest interface the engine needs (rocicorp's kv Store shape).
 * A `write` is one atomic transaction over every table: if `fn` throws, nothing it wrote remains.
 * Only await the transaction's own calls inside `fn` (IndexedDB commits a transaction as soon as it
 * waits on anything else): never fetch, timers or crypto.subtle.
 */
export interface SyncStore {
  read<R>(fn: (tx: ReadTx) => Promise<R>): Promise<R>;
  write<R>(fn: (tx: WriteTx) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** `tx` with some of its calls replaced; the others go to `tx` (a wrapper that watches writes). */
export function overridingTx(tx: WriteTx, overrides: Partial<WriteTx>): WriteTx {
  return {
    get: (table, key) => tx.get(table, key),
    getAll: (table) => tx.getAll(table),
    getByIndex: (table, index, query) => tx.getByIndex(table, index, query),
    count: (table) => tx.count(table),
    getMeta: (key) => tx.getMeta(key),
    put: (table, row) => tx.put(table, row),
    delete: (table, key) => tx.delete(table, key),
    clear: (table) => tx.clear(table),
    setMeta: (key, value) => tx.setMeta(key, value),
    ...overrides,
  };
}
