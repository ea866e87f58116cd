import { z } from 'zod';
import { JsonObject, Uuid, WireTimestamp } from '../common';
import { pageLimit, PAGE_SIZES } from '../pagination';

/**
 * `since` is required (the server answers a missing or malformed one with the spec's keyed 400);
 * `1970-01-01T00:00:00Z` asks for everything (a first sync).
 */
export const DownloadQuery = z.object({
  since: z.string().optional(),
  limit: pageLimit(PAGE_SIZES.download),
});
export type DownloadQuery = z.infer<typeof DownloadQuery>;

/** One changed row: `data` is the row as the REST endpoints show it ({} for a scope removal). */
export const DownloadChange = z.object({
  server_id: Uuid,
  resource_type: z.string(),
  data: JsonObject,
  server_version: z.int().min(1),
  updated_at: WireTimestamp,
  deleted: z.boolean(),
});
export type DownloadChange = z.infer<typeof DownloadChange>;

export const DownloadResponse = z.object({
  changes: z.array(DownloadChange),
  /** The watermark: pass it back as `since` when has_more is false. */
  server_time: WireTimestamp,
  has_more: z.boolean(),
  /** Pass it back as `since` to get the next page (equals server_time when has_more is false). */
  next_cursor: WireTimestamp,
});
export type DownloadResponse = z.infer<typeof DownloadResponse>;

/** The epoch cursor: a first sync. A cursor older than the purge watermark gets 410 unless it is this. */
export const INITIAL_CURSOR = '1970-01-01T00:00:00.000000Z';
