import { INITIAL_CURSOR } from '@healthsync/contracts';
import type { DownloadChange, DownloadResponse } from '@healthsync/contracts';
import { ENTITIES, parseServerRow, tableOf } from '../local/entities';
import { emptyRow, getRow, putRow, rebaseRow } from '../local/row-ops';
import type { WriteTx } from '../store/sync-store';
import { ENTITY_TABLES } from '../store/tables';
import type { EntityTable } from '../store/tables';

async function applyChange(
  tx: WriteTx,
  change: DownloadChange,
  onInvalid?: (issue: string) => void,
): Promise<void> {
  const table: EntityTable = tableOf(change.resource_type);
  const existing = await getRow(tx, table, change.server_id);
  // Only ever move forward (equal: the real row replaces our guess after a receipt).
  if (existing && change.server_version < existing.serverVersion) return;
  const removal = change.deleted || Object.keys(change.data).length === 0;
  if (!existing && removal) return;
  const row = existing ?? emptyRow(change.server_id, change.resource_type);
  row.serverVersion = change.server_version;
  row.serverUpdatedAt = change.updated_at;
  if (removal) {
    row.server = null;
    row.serverDeleted = true;
    if (row.pending === 0 && !row.conflictId) {
      await tx.delete(table, row.id);
      return;
    }
  } else {
    row.server = parseServerRow(ENTITIES[table] as never, change.data, onInvalid);
    row.serverDeleted = false;
  }
  await putRow(tx, table, row);
  if (row.pending > 0) await rebaseRow(tx, table, row.id);
}

/**
 * Applies one download page and moves the cursor past it, in the caller's transaction: a page is
 * applied whole with its cursor, or not at all, so an interrupted download resumes where it stopped.
 */
export async function applyPage(
  tx: WriteTx,
  page: DownloadResponse,
  validator: { since: string; limit: number; etag: string | null },
  onInvalid?: (issue: string) => void,
): Promise<void> {
  for (const change of page.changes) await applyChange(tx, change, onInvalid);
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
      await putRow(tx, table, row as never);
    }
  }
  await tx.setMeta('cursor', INITIAL_CURSOR);
  await tx.setMeta('pullValidator', null);
}
