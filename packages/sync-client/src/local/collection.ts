import { HealthSyncError } from '@healthsync/contracts';
import type { IndexQuery, SyncStore, WriteTx } from '../store/sync-store';
import type { AnyEntityIndex, EntityRows, EntityTable } from '../store/tables';
import { enqueueEdit } from './enqueue';
import { toLocalRecord } from './local-row';
import type { LocalRecord, LocalRow } from './local-row';

/** What collections need from the client. */
export interface CollectionContext {
  store: SyncStore;
  now(): number;
  coalesce: boolean;
  /** Who is signed in, for the fields the server fills in (shown until the next pull). */
  identity(): { userId: string | null; facilityId: string | null };
  /** Called after every committed local write (updates the status counts). */
  afterWrite(table: EntityTable): Promise<void>;
}

export interface ReadCollection<T> {
  get(id: string): Promise<LocalRecord<T> | undefined>;
  list(): Promise<LocalRecord<T>[]>;
}

function present<T>(rows: LocalRow<T>[]): LocalRecord<T>[] {
  return rows.map(toLocalRecord).filter((row): row is LocalRecord<T> => row !== undefined);
}

export function readCollection<K extends EntityTable>(
  ctx: CollectionContext,
  table: K,
): ReadCollection<EntityRows[K]> {
  return {
    async get(id) {
      const row = await ctx.store.read((tx) => tx.get(table, id));
      return row ? toLocalRecord(row as LocalRow<EntityRows[K]>) : undefined;
    },
    async list() {
      const rows = await ctx.store.read((tx) => tx.getAll(table));
      return present(rows as LocalRow<EntityRows[K]>[]);
    },
  };
}

export async function queryIndex<K extends EntityTable>(
  ctx: CollectionContext,
  table: K,
  index: AnyEntityIndex,
  query: IndexQuery,
): Promise<LocalRecord<EntityRows[K]>[]> {
  const rows = await ctx.store.read((tx) => tx.getByIndex(table, index, query));
  return present(rows as LocalRow<EntityRows[K]>[]);
}

/** Rows whose name words start with every word of `text` (any order). */
export async function searchWords<K extends EntityTable>(
  ctx: CollectionContext,
  table: K,
  text: string,
  wordsOf: (text: string) => string[],
): Promise<LocalRecord<EntityRows[K]>[]> {
  const [first, ...rest] = wordsOf(text).sort((a, b) => b.length - a.length);
  if (!first) return readCollection(ctx, table).list();
  const rows = await ctx.store.read((tx) =>
    tx.getByIndex(table, 'words', { from: first, to: `${first}\uffff` }),
  );
  const hits = (rows as LocalRow<EntityRows[K]>[]).filter((row) =>
    rest.every((word) => row.idx.words?.some((w) => w.startsWith(word))),
  );
  return present(hits);
}

/** Rows with an entry of `index` starting with `prefix` (each row once). */
export async function searchIndexPrefix<K extends EntityTable>(
  ctx: CollectionContext,
  table: K,
  index: string,
  prefix: string,
): Promise<LocalRecord<EntityRows[K]>[]> {
  const rows = await ctx.store.read((tx) =>
    tx.getByIndex(table, index, { from: prefix, to: `${prefix}\uffff` }),
  );
  return present(rows as LocalRow<EntityRows[K]>[]);
}

export interface WriteRecipe {
  resourceType: string;
  payload: Record<string, unknown>;
  snapshot?: Record<string, unknown>;
}

/** Writes one edit (row + outbox entry) in one transaction and returns the row as reads show it. */
export async function writeEdit<K extends EntityTable>(
  ctx: CollectionContext,
  table: K,
  rowId: string,
  operation: 'create' | 'update' | 'delete',
  recipe: (
    tx: WriteTx,
    current: LocalRecord<EntityRows[K]> | undefined,
  ) => Promise<WriteRecipe> | WriteRecipe,
): Promise<LocalRecord<EntityRows[K]> | undefined> {
  const result = await ctx.store.write(async (tx) => {
    const existing = (await tx.get(table, rowId)) as LocalRow<EntityRows[K]> | undefined;
    const current = existing ? toLocalRecord(existing) : undefined;
    if (operation !== 'create' && !current)
      throw HealthSyncError.local('NOT_FOUND', `${table} ${rowId} not found on this device`);
    const { resourceType, payload, snapshot } = await recipe(tx, current);
    await enqueueEdit(
      tx,
      { table, rowId, resourceType, operation, payload, ...(snapshot ? { snapshot } : {}) },
      { coalesce: ctx.coalesce, now: ctx.now() },
    );
    const row = (await tx.get(table, rowId)) as LocalRow<EntityRows[K]> | undefined;
    return row ? toLocalRecord(row) : undefined;
  });
  await ctx.afterWrite(table);
  return result;
}

/** The columns every synced row carries, for a row made on this device. */
export function newRowColumns(id: string, now: number, formatDate: (d: Date) => string) {
  const stamp = formatDate(new Date(now));
  return {
    id,
    server_version: 0,
    created_at: stamp,
    updated_at: stamp,
    last_synced_at: null,
    deleted: false,
  };
}
