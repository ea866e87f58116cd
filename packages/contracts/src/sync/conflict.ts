import { z } from 'zod';
import { JsonObject, Uuid, WireTimestamp } from '../common';
import { offsetPage, PAGE_SIZES } from '../pagination';

export const ConflictStatus = z.enum(['open', 'reapplied', 'discarded']);
export type ConflictStatus = z.infer<typeof ConflictStatus>;

/** A rejected client change, kept with both sides until a person decides. */
export const SyncConflict = z.object({
  id: Uuid,
  status: ConflictStatus,
  resource_type: z.string(),
  server_id: Uuid,
  source: z.enum(['upload', 'sync_update']),
  user_id: Uuid,
  device_id: z.string().nullable(),
  batch_id: Uuid.nullable(),
  client_change_id: z.string().nullable(),
  /** What the client's edit was based on, as it sent it (a timestamp or `v<server_version>`). */
  client_version: z.string(),
  /** The server row's `updated_at` when the edit arrived. */
  server_version: WireTimestamp,
  /** The fields the client sent, with its values. */
  client_changes: JsonObject,
  /** The fields the client changed / the server changed since the client's base. */
  client_changed_fields: z.array(z.string()),
  server_changed_fields: z.array(z.string()),
  /** The server row when the conflict was recorded. */
  server_row: JsonObject,
  created_at: WireTimestamp,
  resolved_at: WireTimestamp.nullable(),
  resolved_by: Uuid.nullable(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const ConflictListQuery = z.object({
  status: ConflictStatus.optional(),
  ...offsetPage(PAGE_SIZES.conflicts),
});

/** GET /api/sync/conflicts/: the caller's conflicts, a bare array like the other list endpoints. */
export const ConflictListResponse = z.array(SyncConflict);
export type ConflictListResponse = z.infer<typeof ConflictListResponse>;

export const ResolveConflictRequest = z.strictObject({ action: z.enum(['reapply', 'discard']) });
export type ResolveConflictRequest = z.infer<typeof ResolveConflictRequest>;

export const ResolveConflictResponse = z.object({
  conflict: SyncConflict,
  /** The row after a re-apply (null after discard). */
  row: JsonObject.nullable(),
});
export type ResolveConflictResponse = z.infer<typeof ResolveConflictResponse>;
