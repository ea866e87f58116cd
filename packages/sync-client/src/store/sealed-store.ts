import { klona } from 'klona/lite';
import type { DataKeys } from '../crypto/keyring';
import { openJson, sealJson } from '../crypto/seal';
import { queryToken, tokenizer, tokensOf } from '../crypto/tokens';
import type { TokenRule, Tokenizer } from '../crypto/tokens';
import type { MetaKey, MetaValues } from './meta';
import { Mutex } from './mutex';
import type { IndexQuery, SyncStore, WriteTx } from './sync-store';
import { TABLES, readKeyPath } from './tables';
import type { TableDefinition, TableName, TableRows } from './tables';

type Row = Record<string, unknown>;

/** Indexes over patient text: stored as keyed tokens (crypto/tokens.ts), never as text. */
const TOKENIZED: Readonly<Record<string, TokenRule>> = {
  words: { min: 1, max: 4 },
  phone: { min: 3, max: 3 },
};

/** What the inner store holds: the key and index fields in the clear (tokens for text), `sealed`. */
type SealedRow = Row & { sealed: string };

const DELETED = Symbol('deleted');
type Staged = Row | typeof DELETED;

export interface SealStoreOptions {
  /**
   * Serializes writes with the other clients of the same database (tabs): a write reads, then
   * encrypts, then writes in a second transaction, so without it two tabs could interleave.
   */
  writeLock?: <T>(task: () => Promise<T>) => Promise<T>;
}

function setPath(target: Row, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Row;
  node[parts.at(-1)!] = value;
}

const keyPathOf = (table: TableName) => TABLES[table].keyPath;
const keyOf = (table: TableName, row: Row) => String(row[keyPathOf(table)]);
const where = (table: TableName, key: string) => `${table}\u0000${key}`;

function valuesAt(row: Row, path: string): string[] {
  const value = readKeyPath(row, path);
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** The smallest value of `path` in `row` that the query matches, as IndexedDB would order it. */
function matchOf(row: Row, path: string, query: IndexQuery): string | undefined {
  const hits = valuesAt(row, path).filter((v) =>
    'equals' in query ? v === query.equals : v >= query.from && v < query.to,
  );
  return hits.sort()[0];
}

const byKey = (a: [string, Row], b: [string, Row]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

class Sealer {
  readonly #keys: DataKeys;
  readonly token: Tokenizer;
  constructor(keys: DataKeys) {
    this.#keys = keys;
    this.token = tokenizer(keys.index);
  }

  async seal(table: TableName, row: Row): Promise<SealedRow> {
    const key = keyOf(table, row);
    const clear: Row = { [keyPathOf(table)]: row[keyPathOf(table)] };
    for (const [index, { path }] of Object.entries(TABLES[table].indexes)) {
      const rule = TOKENIZED[index];
      if (rule) setPath(clear, path, tokensOf(this.token, index, rule, valuesAt(row, path)));
      else if (readKeyPath(row, path) !== undefined) setPath(clear, path, readKeyPath(row, path));
    }
    return { ...clear, sealed: await sealJson(this.#keys.cipher, where(table, key), row) };
  }

  open(table: TableName, sealed: SealedRow): Promise<Row> {
    return openJson<Row>(this.#keys.cipher, where(table, keyOf(table, sealed)), sealed.sealed);
  }

  openAll(table: TableName, rows: readonly SealedRow[]): Promise<Row[]> {
    return Promise.all(rows.map((row) => this.open(table, row)));
  }
}

/**
 * Reads of one client batched into one inner transaction: the gets one caller starts together
 * (`Promise.all` over a page's rows) share a transaction instead of opening one each.
 */
class GetBatcher {
  readonly #inner: SyncStore;
  #queue: {
    table: TableName;
    key: string;
    done: (row: SealedRow | undefined) => void;
    fail: (e: unknown) => void;
  }[] = [];
  constructor(inner: SyncStore) {
    this.#inner = inner;
  }

  get(table: TableName, key: string): Promise<SealedRow | undefined> {
    return new Promise((done, fail) => {
      if (this.#queue.push({ table, key, done, fail }) === 1) queueMicrotask(() => this.#flush());
    });
  }

  #flush(): void {
    const batch = this.#queue;
    this.#queue = [];
    // Through a promise: a store closed meanwhile throws synchronously, and every waiting get
    // (and the write holding the store's lock) must hear of it.
    Promise.resolve()
      .then(() => this.#inner.read((tx) => Promise.all(batch.map((b) => tx.get(b.table, b.key)))))
      .then(
        (rows) => batch.forEach((b, i) => b.done(rows[i] as SealedRow | undefined)),
        (error: unknown) => batch.forEach((b) => b.fail(error)),
      );
  }
}

/** Staged writes of one transaction: sealed and written together when its function returns. */
class Overlay {
  readonly cleared = new Set<TableName>();
  readonly rows = new Map<TableName, Map<string, Staged>>();

  staged(table: TableName): Map<string, Staged> {
    let map = this.rows.get(table);
    if (!map) this.rows.set(table, (map = new Map()));
    return map;
  }

  touches(table: TableName): boolean {
    return this.cleared.has(table) || (this.rows.get(table)?.size ?? 0) > 0;
  }
}

class SealedTx implements WriteTx {
  readonly #inner: SyncStore;
  readonly #sealer: Sealer;
  readonly #gets: GetBatcher;
  readonly #overlay: Overlay | null;

  constructor(inner: SyncStore, sealer: Sealer, gets: GetBatcher, overlay: Overlay | null) {
    this.#inner = inner;
    this.#sealer = sealer;
    this.#gets = gets;
    this.#overlay = overlay;
  }

  #writable(): Overlay {
    if (!this.#overlay) throw new Error('Read transactions cannot write');
    return this.#overlay;
  }

  async get<T extends TableName>(table: T, key: string): Promise<TableRows[T] | undefined> {
    const staged = this.#overlay?.rows.get(table)?.get(key);
    if (staged === DELETED) return undefined;
    if (staged) return klona(staged) as TableRows[T];
    if (this.#overlay?.cleared.has(table)) return undefined;
    const sealed = await this.#gets.get(table, key);
    return sealed ? ((await this.#sealer.open(table, sealed)) as TableRows[T]) : undefined;
  }

  /** Committed rows merged with this transaction's staged ones, in key order. */
  async #merge(table: TableName, committed: Row[], keep: (row: Row) => boolean): Promise<Row[]> {
    const staged = this.#overlay?.rows.get(table);
    const merged = new Map<string, Row>();
    if (!this.#overlay?.cleared.has(table)) {
      for (const row of committed) merged.set(keyOf(table, row), row);
    }
    for (const [key, row] of staged ?? []) {
      if (row === DELETED || !keep(row)) merged.delete(key);
      else merged.set(key, klona(row));
    }
    return [...merged].sort(byKey).map(([, row]) => row);
  }

  async getAll<T extends TableName>(table: T): Promise<TableRows[T][]> {
    const sealed = this.#overlay?.cleared.has(table)
      ? []
      : ((await this.#inner.read((tx) => tx.getAll(table))) as unknown as SealedRow[]);
    const rows = await this.#sealer.openAll(table, sealed);
    return (await this.#merge(table, rows, () => true)) as TableRows[T][];
  }

  async getByIndex<T extends TableName>(
    table: T,
    index: string,
    query: IndexQuery,
  ): Promise<TableRows[T][]> {
    const definition: TableDefinition = TABLES[table];
    const { path } = definition.indexes[index] ?? {};
    if (!path) throw new Error(`No index ${index} on ${table}`);
    const rule = TOKENIZED[index];
    let committed: SealedRow[] = [];
    if (!this.#overlay?.cleared.has(table)) {
      if (rule) {
        const text = 'equals' in query ? query.equals : commonPrefix(query.from, query.to);
        const token = queryToken(this.#sealer.token, index, rule, text);
        committed = (await this.#inner.read((tx) =>
          token === null ? tx.getAll(table) : tx.getByIndex(table, index, { equals: token }),
        )) as unknown as SealedRow[];
      } else {
        committed = (await this.#inner.read((tx) =>
          tx.getByIndex(table, index, query),
        )) as unknown as SealedRow[];
      }
    }
    const opened = await this.#sealer.openAll(table, committed);
    const rows = await this.#merge(table, opened, (row) => matchOf(row, path, query) !== undefined);
    return rows
      .map((row) => ({ row, at: matchOf(row, path, query) }))
      .filter((hit): hit is { row: Row; at: string } => hit.at !== undefined)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((hit) => hit.row) as TableRows[T][];
  }

  async count(table: TableName): Promise<number> {
    if (!this.#overlay?.touches(table)) return this.#inner.read((tx) => tx.count(table));
    const committed = this.#overlay.cleared.has(table)
      ? []
      : ((await this.#inner.read((tx) => tx.getAll(table))) as Row[]);
    const keys = new Set(committed.map((row) => keyOf(table, row)));
    for (const [key, row] of this.#overlay.rows.get(table) ?? []) {
      if (row === DELETED) keys.delete(key);
      else keys.add(key);
    }
    return keys.size;
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const entry = await this.get('meta', key);
    return entry?.value as MetaValues[K] | undefined;
  }

  async put<T extends TableName>(table: T, row: TableRows[T]): Promise<void> {
    const copy = klona(row) as Row;
    this.#writable().staged(table).set(keyOf(table, copy), copy);
  }

  async delete(table: TableName, key: string): Promise<void> {
    this.#writable().staged(table).set(key, DELETED);
  }

  async clear(table: TableName): Promise<void> {
    const overlay = this.#writable();
    overlay.cleared.add(table);
    overlay.staged(table).clear();
  }

  async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await this.put('meta', { key, value } as TableRows['meta']);
  }
}

/** The range [p, p + '\uffff') that prefixQuery makes, back to p (else: the common prefix). */
function commonPrefix(from: string, to: string): string {
  let i = 0;
  while (i < from.length && from[i] === to[i]) i++;
  return from.slice(0, i);
}

async function commit(inner: SyncStore, sealer: Sealer, overlay: Overlay): Promise<void> {
  const puts: { table: TableName; row: Promise<SealedRow> }[] = [];
  const deletes: { table: TableName; key: string }[] = [];
  for (const [table, rows] of overlay.rows) {
    for (const [key, row] of rows) {
      if (row === DELETED) deletes.push({ table, key });
      else puts.push({ table, row: sealer.seal(table, row) });
    }
  }
  if (puts.length === 0 && deletes.length === 0 && overlay.cleared.size === 0) return;
  const sealed = await Promise.all(puts.map((p) => p.row));
  await inner.write(async (tx) => {
    for (const table of overlay.cleared) await tx.clear(table);
    await Promise.all([
      ...deletes.map((d) => tx.delete(d.table, d.key)),
      ...puts.map((p, i) => tx.put(p.table, sealed[i] as never)),
    ]);
  });
}

/**
 * A SyncStore whose rows are stored encrypted in `inner` (AES-GCM under the data key), with the
 * text indexes as keyed tokens. Same contract as any SyncStore: a write is atomic (staged, then
 * sealed, then written in one inner transaction) and sees its own writes; reads decrypt. Outside
 * the inner store's transactions, so WebCrypto may await freely.
 */
export function sealStore(
  inner: SyncStore,
  keys: DataKeys,
  options: SealStoreOptions = {},
): SyncStore {
  const sealer = new Sealer(keys);
  const gets = new GetBatcher(inner);
  const writes = new Mutex();
  const writeLock = options.writeLock ?? ((task) => task());
  return {
    read: (fn) => fn(new SealedTx(inner, sealer, gets, null)),
    write: (fn) =>
      writes.run(() =>
        writeLock(async () => {
          const overlay = new Overlay();
          const result = await fn(new SealedTx(inner, sealer, gets, overlay));
          await commit(inner, sealer, overlay);
          return result;
        }),
      ),
    close: () => inner.close(),
  };
}
