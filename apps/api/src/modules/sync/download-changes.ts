import { formatMicros, type DownloadChange, type DownloadResponse } from '@healthsync/contracts';
import type { PullResult } from './pull-changes';
import { SYNCED_ENTITIES } from './synced-entities';

/** A pull as GET /api/sync/download/ shows it: a removal from scope is a tombstone with empty data. */
export function toDownloadResponse(result: PullResult): DownloadResponse {
  const changes: DownloadChange[] = result.changes.map((change) => ({
    server_id: change.row.id,
    resource_type: SYNCED_ENTITIES[change.entity].resourceTypeOf(change.row),
    data: change.removal ? {} : change.row,
    server_version: change.row.server_version,
    updated_at: formatMicros(change.stamp),
    deleted: change.removal || change.row.deleted,
  }));
  return {
    changes,
    server_time: formatMicros(result.watermark),
    has_more: result.hasMore,
    next_cursor: result.nextCursorText,
  };
}
