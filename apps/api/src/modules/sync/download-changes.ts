import { formatMicros } from '@healthsync/contracts';
import type { PullResult } from './pull-changes';

/**
 * A pull as GET /api/sync/download/ shows it (the DownloadResponse contract), as JSON text: the
 * rows arrive from PostgreSQL already rendered, so they are spliced in rather than re-serialized.
 * A removal from scope is a tombstone with empty data (see PulledChange).
 */
export function downloadResponseJson(result: PullResult): string {
  const changes = result.changes.map(
    (change) =>
      `{"server_id":"${change.id}","resource_type":${JSON.stringify(change.resourceType)},` +
      `"data":${change.removal ? '{}' : change.json},"server_version":${change.serverVersion},` +
      `"updated_at":"${formatMicros(change.stamp)}","deleted":${change.removal || change.deleted}}`,
  );
  return (
    `{"changes":[${changes.join(',')}],"server_time":"${formatMicros(result.watermark)}",` +
    `"has_more":${result.hasMore},"next_cursor":${JSON.stringify(result.nextCursorText)}}`
  );
}

/** The rows of a pull as the per-resource sync endpoints show them (a removal is a bare ScopeRemoval). */
export function resourceRowsJson(result: PullResult): string {
  return `[${result.changes.map((change) => change.json).join(',')}]`;
}
