/** Query fields derived from a row's local view; absent while the row is hidden (deleted). */
export interface IndexFields {
  /** Lower-cased words of the name, for prefix search. */
  words?: string[];
  /** Every tail of a patient's phone digits (3+ digits): a prefix search finds any run of digits. */
  phone?: string[];
  patient?: string;
  /** Appointment date as a canonical wire timestamp (sorts as text). */
  date?: string;
  status?: string;
  medicine?: string;
  pharmacy?: string;
  /** A visit's follow-up date (YYYY-MM-DD), only when it sets one. */
  followUp?: string;
  /** FHIR resource type of a record. */
  type?: string;
}

/**
 * One synced row on the device. `server` is the last row the server showed us (or, just after a
 * receipt, our best guess of it, replaced by the next pull); `local` is the optimistic view while
 * edits are pending: `server` with the pending outbox mutations applied. Reads show
 * `local ?? server`, or nothing when `localDeleted` or the server removed the row.
 */
export interface LocalRow<T> {
  id: string;
  resourceType: string;
  server: T | null;
  /** `server_version` of `server`; 0 until the server has the row. Kept after a removal (tombstone). */
  serverVersion: number;
  /** The server's `updated_at` of that version (opaque stamp). */
  serverUpdatedAt: string | null;
  /** The server removed the row (deleted, or out of this user's scope). */
  serverDeleted: boolean;
  local: T | null;
  localDeleted: boolean;
  /** Outbox mutations (queued, in flight or failed) touching this row. */
  pending: number;
  /** The open conflict about this row, if any. */
  conflictId: string | null;
  idx: IndexFields;
}

/** Sync facts about a row, given with every read. */
export interface RowSyncState {
  /** Changes to this row wait in the outbox. */
  pending: boolean;
  /** The server has (had) this row. */
  onServer: boolean;
  serverVersion: number;
  conflictId: string | null;
}

/** What reads return: the wire-shaped row (local view) plus its sync state. */
export type LocalRecord<T> = T & { readonly _sync: RowSyncState };

export function visibleView<T>(row: LocalRow<T>): T | null {
  if (row.localDeleted) return null;
  if (row.local) return row.local;
  if (row.serverDeleted) return null;
  return row.server;
}

export function toLocalRecord<T>(row: LocalRow<T>): LocalRecord<T> | undefined {
  const view = visibleView(row);
  if (!view) return undefined;
  return {
    ...view,
    _sync: {
      pending: row.pending > 0,
      onServer: row.serverVersion > 0,
      serverVersion: row.serverVersion,
      conflictId: row.conflictId,
    },
  };
}
