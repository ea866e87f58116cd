import type { WriteTx } from '../store/sync-store';
import type { EntityRows, EntityTable, TableRows } from '../store/tables';
import { ENTITIES } from './entities';
import { visibleView } from './local-row';
import type { LocalRow } from './local-row';
import type { OutboxEntry } from './outbox-entry';

export function emptyRow<T>(id: string, resourceType: string): LocalRow<T> {
  return {
    id,
    resourceType,
    server: null,
    serverVersion: 0,
    serverUpdatedAt: null,
    serverDeleted: false,
    local: null,
    localDeleted: false,
    pending: 0,
    conflictId: null,
    idx: {},
  };
}

export async function getRow<K extends EntityTable>(
  tx: WriteTx,
  table: K,
  id: string,
): Promise<LocalRow<EntityRows[K]> | undefined> {
  return (await tx.get(table, id)) as LocalRow<EntityRows[K]> | undefined;
}

/** Stores a row with its query fields derived from what reads will show. */
export async function putRow<K extends EntityTable>(
  tx: WriteTx,
  table: K,
  row: LocalRow<EntityRows[K]>,
): Promise<void> {
  const view = visibleView(row);
  const definition = ENTITIES[table];
  row.idx = view ? definition.indexFields(view) : {};
  if (view) row.resourceType = definition.resourceTypeOf(view);
  await storeRow(tx, table, row);
}

/**
 * Stores a row as it is (its query fields unchanged). The one place a row meets the store's
 * per-table typing: TypeScript cannot follow a generic table name through `TableRows[K]`.
 */
export async function storeRow<K extends EntityTable>(
  tx: WriteTx,
  table: K,
  row: LocalRow<EntityRows[K]>,
): Promise<void> {
  await tx.put(table, row as TableRows[K]);
}

export async function entriesOfRow(tx: WriteTx, rowId: string): Promise<OutboxEntry[]> {
  const entries = await tx.getByIndex('outbox', 'rowId', { equals: rowId });
  return entries.sort((a, b) => a.seq - b.seq);
}

/**
 * Recomputes a row's local view from its server copy and its remaining outbox mutations, so the
 * view is always "server + what we have not yet sent", whichever side changed last.
 */
export async function rebaseRow<K extends EntityTable>(
  tx: WriteTx,
  table: K,
  id: string,
): Promise<void> {
  const row = await getRow(tx, table, id);
  if (!row) return;
  const entries = await entriesOfRow(tx, id);
  const definition = ENTITIES[table];
  row.pending = entries.length;
  if (entries.length === 0) {
    row.local = null;
    row.localDeleted = false;
  } else {
    const serverView = row.serverDeleted ? null : row.server;
    const first = entries[0];
    // Without a server copy an update cannot be replayed; keep the view we had.
    let view: EntityRows[K] | null =
      first?.operation === 'create' || serverView ? serverView : row.local;
    let deleted = false;
    if (first?.operation === 'create' || serverView) {
      for (const entry of entries) {
        if (entry.operation === 'create') view = (entry.snapshot ?? entry.payload) as EntityRows[K];
        else if (entry.operation === 'update' && view)
          view = definition.applyPatch(view, entry.payload);
        else if (entry.operation === 'delete') deleted = true;
      }
    } else {
      deleted = entries.some((entry) => entry.operation === 'delete');
    }
    row.local = view;
    row.localDeleted = deleted;
  }
  if (row.pending === 0 && row.serverVersion === 0 && !row.conflictId) {
    await tx.delete(table, id);
    return;
  }
  await putRow(tx, table, row);
}
