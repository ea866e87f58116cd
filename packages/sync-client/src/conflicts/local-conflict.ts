import type { EntityTable } from '../store/tables';
import type { Operation } from '../local/outbox-entry';

/**
 * server_newer: the row changed on the server since our edit's base (the server keeps it too);
 * rejected: the server refused the edit as invalid (`errors`); only this device has it.
 */
export type ConflictKind = 'server_newer' | 'rejected';

export type LocalConflictStatus = 'open' | 'reapplied' | 'discarded';

/** An edit the server did not take, kept with both sides until a person decides. */
export interface LocalConflict {
  /** The server's conflict_id (server_newer), or the mutation id (rejected). */
  id: string;
  kind: ConflictKind;
  status: LocalConflictStatus;
  table: EntityTable;
  resourceType: string;
  rowId: string;
  /** Our edit, with later unsent edits of the row folded in. */
  operation: Operation;
  mine: Record<string, unknown>;
  /** For a refused create: the full local row it would make (to re-create it on reapply). */
  snapshot: Record<string, unknown> | null;
  /** The server_version our edit was based on. */
  baseVersion: number | null;
  /** The server's row when the conflict happened (null if unknown, e.g. a rejected create). */
  server: Record<string, unknown> | null;
  serverVersion: number | null;
  mineChangedFields: string[];
  /** Fields the server changed since our base (those whose values differ from our old copy). */
  serverChangedFields: string[];
  errors: Record<string, string> | null;
  createdAt: number;
  resolvedAt: number | null;
  /** The mutation a reapply queued. */
  reapplyMutationId: string | null;
  /** The server-side conflict still has to be closed (POST …/resolve/). */
  serverClosePending: boolean;
}
