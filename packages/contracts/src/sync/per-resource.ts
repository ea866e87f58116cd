import { z } from 'zod';
import { InputTimestamp, Uuid, WireTimestamp } from '../common';

/** Query of GET /api/{patients,appointments,doctors,pharmacy-inventory}/sync/. */
export const ResourceSyncQuery = z.object({
  last_sync_timestamp: InputTimestamp.optional(),
  pharmacy_id: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type ResourceSyncQuery = z.infer<typeof ResourceSyncQuery>;

/** Response headers of every per-resource sync endpoint. */
export const SYNC_HEADERS = {
  lastSync: 'x-last-sync',
  recordsSynced: 'x-records-synced',
  strategy: 'x-sync-strategy',
  hasMore: 'x-has-more',
} as const;

export const SYNC_STRATEGY = 'server-authoritative';

/**
 * A row that left the caller's facility (e.g. its patient moved), as the per-resource sync
 * endpoints list it: which row, the version and stamp of its removal, and nothing else — none of
 * the row's contents, then or later. Drop the row from the device.
 */
export const ScopeRemoval = z.strictObject({
  id: Uuid,
  server_version: z.int().min(1),
  updated_at: WireTimestamp,
  deleted: z.literal(true),
});
export type ScopeRemoval = z.infer<typeof ScopeRemoval>;
