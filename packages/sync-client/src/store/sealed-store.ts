import { klona } from 'klona/lite';
import type { DataKeys } from '../crypto/keyring';
import { openJson, sealBytes } from '../crypto/seal';
import { queryToken, tokenizer, tokensOf } from '../crypto/tokens';
import type { TokenRule, Tokenizer } from '../crypto/tokens';
import type { MetaKey, MetaValues } from './meta';
import { DecryptedTable, firstMatch } from './decrypted-table';
import type { TableSource } from './decrypted-table';
import { Mutex } from './mutex';
import type { IndexQuery, SyncStore, WriteTx } from './sync-store';
import { TABLES, readKeyPath } from './tables';
import type { TableDefinition, TableName, TableRows } from './tables';

type Row = Record<string, unknown>;

/**
 * Text indexes (names of doctors, pharmacies, medicines; not of IN_MEMORY tables): stored as keyed
 * tokens (crypto/tokens.ts), never as text.
 */
const TOKENIZED: Readonly<Record<string, TokenRule>> = {
  words: { min: 1, max: 4 },
  phone: { min: 3, max: 3 },
};

/**
 * Tables held decrypted in memory while the store is open (DecryptedTable): searched there, so
 * their text is not indexed on disk at all, not even as tokens.
 */
const IN_MEMORY: readonly TableName[] = ['patients', 'observationHeads'];

/**
 * What the inner store holds: the key and index fields in the clear (tokens for text, nothing for
 * the text of IN_MEMORY tables), `sealed` (bytes; base64 text in rows written before).
 */
type SealedRow = Row & { sealed: Uint8Array<ArrayBuffer> | string };

const DELETED = Symbol('deleted');
type Staged = Row | typeof DELETED;

export interface SealStoreOptions {
  /**
   * Serializes writes with the other clients of the same database (tabs): a write reads, then
   * encrypts, then writes in a second transaction, so without it two tabs could interleave.
   */
  writeLock?: <T>(task: () => Promise<T>) => Promise<T>;
  /**
   * A BroadcastChannel name shared by every client of the same database (tabs): each write names
   * the keys it changed there, so the others re-read them into their decrypted tables. Without
   * it, this store must be the database's only writer.
   */
  channel?: string;
}

/** A sealed SyncStore, with the decrypted in-memory tables it searches. */
export interface SealedStore extends SyncStore {
  /** Decrypts the in-memory tables now (after unlocking) instead of at the first search. */
  warm(): Promise<void>;
  /** Drops every decrypted row from memory (the app locked); the next search decrypts again. */
  forgetDecrypted(): void;
}

/** What a write tells the other clients of the database (ids only: never row content). */
interface ChangeNotice {
  table: TableName;
  keys: string[] | 'all';
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
      if (rule && IN_MEMORY.includes(table)) continue;
      if (rule) setPath(clear, path, tokensOf(this.token, index, rule, valuesAt(row, path)));
      else if (readKeyPath(row, path) !== undefined) setPath(clear, path, readKeyPath(row, path));
    }
    return { ...clear, sealed: await sealBytes(this.#keys.cipher, where(table, key), row) };
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
  /**
   * Each staged row's encryption, started when it was staged: WebCrypto works on its own thread
   * while the transaction goes on staging the rest (a row staged again is sealed again).
   */
  readonly sealing = new Map<string, Promise<SealedRow>>();

  staged(table: TableName): Map<string, Staged> {
    let map = this.rows.get(table);
    if (!map) this.rows.set(table, (map = new Map()));
    return map;
  }

  stage(table: TableName, key: string, row: Staged, sealer: Sealer): void {
    this.staged(table).set(key, row);
    if (row === DELETED) {
      this.sealing.delete(where(table, key));
      return;
    }
    const sealing = sealer.seal(table, row);
    // Awaited at commit unless staged over; a failure then surfaces there.
    sealing.catch(() => undefined);
    this.sealing.set(where(table, key), sealing);
  }

  touches(table: TableName): boolean {
    return this.cleared.has(table) || (this.rows.get(table)?.size ?? 0) > 0;
  }
}

/** What every transaction of one sealed store shares. */
interface Parts {
  inner: SyncStore;
  sealer: Sealer;
  gets: GetBatcher;
  /** The IN_MEMORY tables. */
  memory: ReadonlyMap<TableName, DecryptedTable>;
}

class SealedTx implements WriteTx {
  readonly #parts: Parts;
  readonly #overlay: Overlay | null;

  constructor(parts: Parts, overlay: Overlay | null) {
    this.#parts = parts;
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
    const memory = this.#parts.memory.get(table);
    if (memory?.ready) return memory.get(key) as TableRows[T] | undefined;
    const sealed = await this.#parts.gets.get(table, key);
    return sealed ? ((await this.#parts.sealer.open(table, sealed)) as TableRows[T]) : undefined;
  }

  /** Committed rows merged with this transaction's staged ones, in key order. */
  #merge(table: TableName, committed: Row[], keep: (row: Row) => boolean): Row[] {
    const staged = this.#overlay?.rows.get(table);
    if (!staged?.size) return committed;
    const merged = new Map<string, Row>();
    for (const row of committed) merged.set(keyOf(table, row), row);
    for (const [key, row] of staged) {
      if (row === DELETED || !keep(row)) merged.delete(key);
      else merged.set(key, klona(row));
    }
    return [...merged].sort(byKey).map(([, row]) => row);
  }

  /** The committed rows of an IN_MEMORY table, once it is in memory. */
  async #memory(table: TableName): Promise<DecryptedTable | undefined> {
    const memory = this.#parts.memory.get(table);
    await memory?.ensure();
    return memory;
  }

  async getAll<T extends TableName>(table: T): Promise<TableRows[T][]> {
    let committed: Row[] = [];
    if (!this.#overlay?.cleared.has(table)) {
      const memory = await this.#memory(table);
      if (memory) committed = memory.all();
      else {
        const sealed = await this.#parts.inner.read((tx) => tx.getAll(table));
        committed = await this.#parts.sealer.openAll(table, sealed as unknown as SealedRow[]);
      }
    }
    return this.#merge(table, committed, () => true) as TableRows[T][];
  }

  async getByIndex<T extends TableName>(
    table: T,
    index: string,
    query: IndexQuery,
  ): Promise<TableRows[T][]> {
    const definition: TableDefinition = TABLES[table];
    const { path } = definition.indexes[index] ?? {};
    if (!path) throw new Error(`No index ${index} on ${table}`);
    const parts = path.split('.');
    let committed: Row[] = [];
    if (!this.#overlay?.cleared.has(table)) {
      const memory = await this.#memory(table);
      committed = memory
        ? memory.byIndex(path, query)
        : await this.#parts.sealer.openAll(
            table,
            await this.#committedByIndex(table, index, query),
          );
    }
    const rows = this.#merge(
      table,
      committed,
      (row) => firstMatch(row, parts, query) !== undefined,
    );
    return rows
      .map((row) => ({ row, at: firstMatch(row, parts, query) }))
      .filter((hit): hit is { row: Row; at: string } => hit.at !== undefined)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((hit) => hit.row) as TableRows[T][];
  }

  /** The stored rows an index query may match: by token for text, else by the index itself. */
  async #committedByIndex(
    table: TableName,
    index: string,
    query: IndexQuery,
  ): Promise<SealedRow[]> {
    const rule = TOKENIZED[index];
    const { inner, sealer } = this.#parts;
    const text = 'equals' in query ? query.equals : commonPrefix(query.from, query.to);
    const token = rule ? queryToken(sealer.token, index, rule, text) : undefined;
    const rows = (await inner.read((tx) =>
      token === undefined
        ? tx.getByIndex(table, index, query)
        : token === null
          ? tx.getAll(table)
          : tx.getByIndex(table, index, { equals: token }),
    )) as unknown as SealedRow[];
    // In key order, as the merge and IndexedDB's index order (value, then key) expect.
    return rows.sort((x, y) => byKey([keyOf(table, x), x], [keyOf(table, y), y]));
  }

  async count(table: TableName): Promise<number> {
    if (!this.#overlay?.touches(table)) return this.#parts.inner.read((tx) => tx.count(table));
    const committed = this.#overlay.cleared.has(table)
      ? []
      : ((await this.#parts.inner.read((tx) => tx.getAll(table))) as Row[]);
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
    this.#writable().stage(table, keyOf(table, copy), copy, this.#parts.sealer);
  }

  async delete(table: TableName, key: string): Promise<void> {
    this.#writable().stage(table, key, DELETED, this.#parts.sealer);
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

async function commit(inner: SyncStore, overlay: Overlay): Promise<void> {
  const puts: { table: TableName; row: Promise<SealedRow> }[] = [];
  const deletes: { table: TableName; key: string }[] = [];
  for (const [table, rows] of overlay.rows) {
    for (const [key, row] of rows) {
      if (row === DELETED) deletes.push({ table, key });
      else puts.push({ table, row: overlay.sealing.get(where(table, key))! });
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
 * After a commit (still under the write lock, so no other client's write comes in between): the
 * decrypted tables take the committed rows, and the other clients hear which keys changed.
 */
function publish(
  overlay: Overlay,
  memory: ReadonlyMap<TableName, DecryptedTable>,
  post: (notice: ChangeNotice) => void,
): void {
  for (const [table, decrypted] of memory) {
    const cleared = overlay.cleared.has(table);
    const staged = overlay.rows.get(table) ?? new Map<string, Staged>();
    if (!cleared && staged.size === 0) continue;
    if (cleared) decrypted.cleared();
    // The staged rows are this transaction's own copies: the table may keep them.
    for (const [key, row] of staged) decrypted.written(key, row === DELETED ? undefined : row);
    post({ table, keys: cleared ? 'all' : [...staged.keys()] });
  }
}

/** How a decrypted table reads the inner store. */
function sourceOf(table: TableName, inner: SyncStore, sealer: Sealer): TableSource {
  const opened = async (sealed: readonly (SealedRow | undefined)[]) => {
    const present = sealed.filter((row): row is SealedRow => row !== undefined);
    const rows = await sealer.openAll(table, present);
    return new Map(rows.map((row) => [keyOf(table, row), row]));
  };
  return {
    all: async () => opened((await inner.read((tx) => tx.getAll(table))) as unknown as SealedRow[]),
    some: async (keys) =>
      opened(
        (await inner.read((tx) =>
          Promise.all(keys.map((key) => tx.get(table, key))),
        )) as unknown as (SealedRow | undefined)[],
      ),
  };
}

/** The other clients' change notices (none without a channel name or BroadcastChannel). */
function changeChannel(
  name: string | undefined,
  memory: ReadonlyMap<TableName, DecryptedTable>,
): { post(notice: ChangeNotice): void; close(): void } {
  if (!name || typeof BroadcastChannel === 'undefined') return { post() {}, close() {} };
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent<ChangeNotice>) => {
    const decrypted = memory.get(event.data.table);
    // A row that cannot be re-read leaves the table unknown: read whole at its next use.
    decrypted?.changedElsewhere(event.data.keys).catch(() => decrypted.forget());
  };
  return { post: (notice) => channel.postMessage(notice), close: () => channel.close() };
}

/**
 * A SyncStore whose rows are stored encrypted in `inner` (AES-GCM under the data key), with the
 * text indexes as keyed tokens, or (IN_MEMORY tables) searched decrypted in memory. Same contract
 * as any SyncStore: a write is atomic (staged, then sealed, then written in one inner transaction)
 * and sees its own writes; reads decrypt. Outside the inner store's transactions, so WebCrypto
 * may await freely.
 */
export function sealStore(
  inner: SyncStore,
  keys: DataKeys,
  options: SealStoreOptions = {},
): SealedStore {
  const sealer = new Sealer(keys);
  const memory = new Map(
    IN_MEMORY.map((table) => [table, new DecryptedTable(sourceOf(table, inner, sealer))]),
  );
  const parts: Parts = { inner, sealer, gets: new GetBatcher(inner), memory };
  const changes = changeChannel(options.channel, memory);
  const writes = new Mutex();
  const writeLock = options.writeLock ?? ((task) => task());
  const forgetDecrypted = () => memory.forEach((table) => table.forget());
  return {
    read: (fn) => fn(new SealedTx(parts, null)),
    write: (fn) =>
      writes.run(() =>
        writeLock(async () => {
          const overlay = new Overlay();
          const result = await fn(new SealedTx(parts, overlay));
          await commit(inner, overlay);
          publish(overlay, memory, changes.post);
          return result;
        }),
      ),
    warm: async () => {
      await Promise.all([...memory.values()].map((table) => table.ensure()));
    },
    forgetDecrypted,
    close: async () => {
      changes.close();
      forgetDecrypted();
      await inner.close();
    },
  };
}
