import type { EntityTable } from '../store/tables';

export type Operation = 'create' | 'update' | 'delete';

/**
 * queued: waiting to be sent (may still absorb later edits of its row);
 * inflight: part of the stored in-flight batch, frozen until its receipt arrives;
 * failed: its batch was refused as a whole; kept until `retryFailed()`.
 */
export type OutboxState = 'queued' | 'inflight' | 'failed';

/** One local mutation waiting for the server. Its id is sent as `client_change_id`. */
export interface OutboxEntry {
  id: string;
  /** Order of creation on this device; batches go out in this order. */
  seq: number;
  table: EntityTable;
  resourceType: string;
  rowId: string;
  operation: Operation;
  /**
   * The server_version this edit was based on. null while the row's previous mutation is in flight:
   * it is filled in from that mutation's receipt, so an edit on top of our own write never
   * conflicts with it, and an edit on top of a rejected write inherits its stale base.
   */
  baseVersion: number | null;
  /** The changed fields in wire (snake_case) shape; the full create body for a create. */
  payload: Record<string, unknown>;
  /** For a create: the full local row it made, the server copy's best guess once acknowledged. */
  snapshot: Record<string, unknown> | null;
  state: OutboxState;
  batchId: string | null;
  createdAt: number;
}
