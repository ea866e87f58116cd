import { INITIAL_CURSOR } from '@healthsync/contracts';
import type { DownloadChange, DownloadResponse } from '@healthsync/contracts';
import { parseServerRowOf, tableOf } from '../local/entities';
import type { LocalRow } from '../local/local-row';
import { emptyRow, getRow, putRow, rebaseRow } from '../local/row-ops';
import { rebuildObservationHeads } from '../local/observation-heads';
import type { WriteTx } from '../store/sync-store';
import { ENTITY_TABLES } from '../store/tables';
import type { EntityRows, EntityTable } from '../store/tables';

type Key = string;
type Touched = { table: EntityTable; id: string };
type Row = LocalRow<EntityRows[EntityTable]>;

/**
 * What one change makes of the row it names (undefined: no row), or `unchanged`. The same rules
 * as ever: rows only move forward, a removal drops a row with nothing unsent and no conflict.
 */
function nextRow(
  existing: Row | undefined,
  change: DownloadChange,
  table: EntityTable,
  onInvalid?: (issue: string) => void,
): Row | undefined | 'unchanged' {
  // Only ever move forward (equal: the real row replaces our guess after a receipt).
  if (existing && change.server_version < existing.serverVersion) return 'unchanged';
  const removal = change.deleted || Object.keys(change.data).length === 0;
  if (!existing && removal) return 'unchanged';
  const row: Row = existing ?? emptyRow(change.server_id, change.resource_type);
  row.serverVersion = change.server_version;
  row.serverUpdatedAt = change.updated_at;
  if (removal) {
    row.server = null;
    row.serverDeleted = true;
    if (row.pending === 0 && !row.conflictId) return undefined;
  } else {
    row.server = parseServerRowOf(table, change.data, onInvalid);
    row.serverDeleted = false;
  }
  return row;
}

/**
 * Applies one download page and moves the cursor past it, in the caller's transaction: a page is
 * applied whole with its cursor, or not at all, so an interrupted download resumes where it stopped.
 * The page's rows are read together and written together (IndexedDB then serves the requests of
 * one transaction back to back instead of waiting on each one).
 */
export async function applyPage(
  tx: WriteTx,
  page: DownloadResponse,
  validator: { since: string; limit: number; etag: string | null },
  onInvalid?: (issue: string) => void,
): Promise<void> {
  const touched = new Map<Key, Touched>();
  for (const change of page.changes) {
    const table = tableOf(change.resource_type);
    touched.set(`${table}:${change.server_id}`, { table, id: change.server_id });
  }
  const rows = new Map<Key, Row | undefined>(
    await Promise.all(
      [...touched].map(async ([key, { table, id }]) => [key, await getRow(tx, table, id)] as const),
    ),
  );
  const written = new Set<Key>();
  for (const change of page.changes) {
    const table = tableOf(change.resource_type);
    const key = `${table}:${change.server_id}`;
    const next = nextRow(rows.get(key), change, table, onInvalid);
    if (next === 'unchanged') continue;
    rows.set(key, next);
    written.add(key);
  }
  await Promise.all(
    [...written].map((key) => {
      const { table, id } = touched.get(key)!;
      const row = rows.get(key);
      return row ? putRow(tx, table, row) : tx.delete(table, id);
    }),
  );
  // Rows with unsent edits: their view is the new server copy plus those edits.
  for (const key of written) {
    const row = rows.get(key);
    if (row && row.pending > 0) await rebaseRow(tx, touched.get(key)!.table, row.id);
  }
  const cursor = page.has_more ? page.next_cursor : page.server_time;
  await tx.setMeta('cursor', cursor);
  // An ETag only helps for the "anything new?" request at the head of the feed.
  const etag = validator.etag;
  await tx.setMeta(
    'pullValidator',
    !page.has_more && etag && cursor === validator.since
      ? { since: cursor, limit: validator.limit, etag }
      : null,
  );
}

/**
 * 410 RESYNC_REQUIRED: forget the server copies and start the download again, keeping every row
 * with unsent edits or an open conflict, the outbox and the conflicts.
 */
export async function resetForResync(tx: WriteTx): Promise<void> {
  for (const table of ENTITY_TABLES) {
    const keep = (await tx.getAll(table)).filter(
      (row) => row.pending > 0 || row.conflictId !== null,
    );
    await tx.clear(table);
    for (const row of keep) {
      row.server = null;
      row.serverDeleted = false;
      await putRow(tx, table, row);
    }
  }
  // What stays is little: mark it afresh rather than trust marks made beside the dropped rows.
  await rebuildObservationHeads(tx);
  await tx.setMeta('cursor', INITIAL_CURSOR);
  await tx.setMeta('pullValidator', null);
}
