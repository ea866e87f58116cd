import { klona } from 'klona/lite';
import type { IndexQuery } from './sync-store';

type Row = Record<string, unknown>;

/** Where a decrypted table reads its rows from (the sealed store: the inner store + decrypt). */
export interface TableSource {
  all(): Promise<Map<string, Row>>;
  /** The rows of `keys` (absent: no such row). */
  some(keys: readonly string[]): Promise<Map<string, Row>>;
}

/**
 * The smallest value at `parts` (a split key path) in `row` that `query` matches, as IndexedDB
 * orders an index: without allocating, as a search runs it over every row of the table.
 */
export function firstMatch(
  row: Row,
  parts: readonly string[],
  query: IndexQuery,
): string | undefined {
  let value: unknown = row;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Row)[part];
  }
  const matches = (v: unknown): v is string =>
    typeof v === 'string' &&
    ('equals' in query ? v === query.equals : v >= query.from && v < query.to);
  if (!Array.isArray(value)) return matches(value) ? value : undefined;
  let best: string | undefined;
  for (const v of value as unknown[]) if (matches(v) && (best === undefined || v < best)) best = v;
  return best;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The decrypted rows of one table, in memory while the store is open and unlocked: a search or a
 * list then reads neither IndexedDB nor WebCrypto (sealed-store.ts). Built by one full read when
 * first needed, kept up to date by every write of this store (`written`, `cleared`) and re-read
 * for the keys other tabs wrote (`changedElsewhere`); `forget` drops it.
 *
 * Each key's data carries the stamp of when it was read or written and a newer stamp always wins,
 * so a full or keyed re-read that races a local write (or another re-read) never puts older data
 * back: a read stamped s saw every write stamped before s, and maybe some after.
 */
export class DecryptedTable {
  readonly #source: TableSource;
  #rows = new Map<string, Row>();
  /** Stamp of each key's data, deletions included, since the table was last cleared. */
  #stamps = new Map<string, number>();
  #clearedAt = 0;
  #clock = 0;
  #sortedKeys: string[] | null = null;
  #ready = false;
  #building: Promise<void> | null = null;
  /** Bumped by `forget`: a read started before it lands nowhere. */
  #generation = 0;

  constructor(source: TableSource) {
    this.#source = source;
  }

  /** Every row is in memory (else reads must wait for `ensure`, or go to the store). */
  get ready(): boolean {
    return this.#ready;
  }

  /** Builds the table if it is not in memory yet (one full read and decrypt). */
  async ensure(): Promise<void> {
    // Again if `forget` came while it was being read.
    while (!this.#ready) {
      this.#building ??= this.#build();
      await this.#building;
    }
  }

  async #build(): Promise<void> {
    const generation = this.#generation;
    try {
      const stamp = ++this.#clock;
      const rows = await this.#source.all();
      if (generation !== this.#generation) return;
      for (const key of this.#rows.keys()) if (!rows.has(key)) this.#take(key, undefined, stamp);
      for (const [key, row] of rows) this.#take(key, row, stamp);
      this.#ready = true;
    } finally {
      if (generation === this.#generation) this.#building = null;
    }
  }

  /** Drops every decrypted row (the app locked, or the store closed). */
  forget(): void {
    this.#generation++;
    this.#rows = new Map();
    this.#stamps = new Map();
    this.#sortedKeys = null;
    this.#ready = false;
    this.#building = null;
  }

  /** Tracking writes matters from the moment a build started; before, the build reads them. */
  get #tracking(): boolean {
    return this.#ready || this.#building !== null;
  }

  /** A write of this store committed: `row` is the key's new data (undefined: deleted). */
  written(key: string, row: Row | undefined): void {
    if (this.#tracking) this.#take(key, row, ++this.#clock);
  }

  /** This store cleared the table. */
  cleared(): void {
    if (!this.#tracking) return;
    this.#clearedAt = ++this.#clock;
    this.#rows = new Map();
    this.#stamps = new Map();
    this.#sortedKeys = null;
  }

  /** Another tab wrote these keys (or cleared the table: 'all'); re-read them. */
  async changedElsewhere(keys: readonly string[] | 'all'): Promise<void> {
    if (!this.#tracking) return;
    const generation = this.#generation;
    const stamp = ++this.#clock;
    if (keys === 'all') {
      const rows = await this.#source.all();
      if (generation !== this.#generation) return;
      for (const key of [...this.#rows.keys()])
        if (!rows.has(key)) this.#take(key, undefined, stamp);
      for (const [key, row] of rows) this.#take(key, row, stamp);
      return;
    }
    const rows = await this.#source.some(keys);
    if (generation !== this.#generation) return;
    for (const key of keys) this.#take(key, rows.get(key), stamp);
  }

  #take(key: string, row: Row | undefined, stamp: number): void {
    if (stamp < Math.max(this.#stamps.get(key) ?? 0, this.#clearedAt)) return;
    this.#stamps.set(key, stamp);
    const had = this.#rows.has(key);
    if (row) this.#rows.set(key, row);
    else this.#rows.delete(key);
    if (had !== Boolean(row)) this.#sortedKeys = null;
  }

  /** A copy of the key's row (only when `ready`). */
  get(key: string): Row | undefined {
    const row = this.#rows.get(key);
    return row && klona(row);
  }

  has(key: string): boolean {
    return this.#rows.has(key);
  }

  get size(): number {
    return this.#rows.size;
  }

  /** Copies of every row, in key order. */
  all(): Row[] {
    this.#sortedKeys ??= [...this.#rows.keys()].sort(byKey);
    return this.#sortedKeys.map((key) => klona(this.#rows.get(key)!));
  }

  /** Copies of the rows whose value at `path` matches `query`, in key order. */
  byIndex(path: string, query: IndexQuery): Row[] {
    const parts = path.split('.');
    const hits: string[] = [];
    for (const [key, row] of this.#rows)
      if (firstMatch(row, parts, query) !== undefined) hits.push(key);
    return hits.sort(byKey).map((key) => klona(this.#rows.get(key)!));
  }
}
