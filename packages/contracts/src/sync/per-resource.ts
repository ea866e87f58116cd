import { z } from 'zod';
import { Uuid, WireTimestamp } from '../common';
import { WIRE_HEADERS } from '../headers';
import { pageLimit, PAGE_SIZES } from '../pagination';

/**
 * Query of GET /api/{patients,appointments,records,doctors,pharmacy-inventory}/sync/. A page ends
 * at `limit` rows: while `X-Has-More` is true, send X-Last-Sync back as last_sync_timestamp (the
 * `Link` header is that URL) and you get the rest, each row once.
 */
export const ResourceSyncQuery = z.object({
  /** ISO 8601; the server answers a malformed one with the spec's keyed 400. */
  last_sync_timestamp: z.string().optional(),
  pharmacy_id: Uuid.optional(),
  limit: pageLimit(PAGE_SIZES.resourceSync),
});
export type ResourceSyncQuery = z.infer<typeof ResourceSyncQuery>;

/** Response headers of every per-resource sync endpoint. */
export const SYNC_HEADERS = {
  lastSync: WIRE_HEADERS.lastSync,
  recordsSynced: WIRE_HEADERS.recordsSynced,
  strategy: WIRE_HEADERS.syncStrategy,
  hasMore: WIRE_HEADERS.hasMore,
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
