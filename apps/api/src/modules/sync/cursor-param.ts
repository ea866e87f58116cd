import {
  dateRejectionMessage,
  HealthSyncError,
  parseCursor,
  parseTimestamp,
  type SyncCursor,
} from '@healthsync/contracts';
import type { SyncStamps } from './read-stamps';

/**
 * Reads a cursor query parameter (`last_sync_timestamp`, `since`) as µs. The error bodies are keyed
 * by the parameter (docs/api.md#timestamp-errors).
 */
export function parseCursorParam(
  name: string,
  value: string | undefined,
  required: boolean,
): SyncCursor {
  if (value === undefined || value === '') {
    if (required)
      throw HealthSyncError.validation({
        [name]: `This query parameter is required (ISO 8601, e.g. 2024-01-20T10:00:00Z).`,
      });
    return { micros: 0n, firstSync: true };
  }
  const parsed = parseTimestamp(value);
  if (!parsed.ok) {
    const why =
      parsed.reason === 'format'
        ? `time data '${value}' does not match format '%Y-%m-%dT%H:%M:%S%z'`
        : `time data '${value}': ${dateRejectionMessage(parsed.reason, 'timestamp')}`;
    throw HealthSyncError.validation({
      [name]: `Invalid timestamp format. Use ISO 8601 format. Error: ${why}`,
    });
  }
  return parseCursor(value) ?? { micros: 0n, firstSync: true };
}

/**
 * Refuses cursors from the future (beyond both the clock and the newest stamp handed out),
 * cursors from before a restore from backup, and cursors older than the purge watermark, whose
 * holders may have missed purged deletions (except the pages of a first sync).
 */
export function checkCursor(
  name: string,
  cursor: SyncCursor,
  { clock, watermark, purged, epoch }: SyncStamps,
): void {
  const { micros } = cursor;
  if (micros === 0n) return;
  if (micros > clock && micros > watermark) {
    throw HealthSyncError.validation(
      { [name]: 'Sync timestamp cannot be in the future.' },
      'Sync timestamp cannot be in the future.',
    );
  }
  // The restored database forgot what happened after its backup, so a device that synced since
  // may hold rows it no longer has. Cursors issued after the restore are at or above the floor,
  // or — pages of a first sync over the restored rows — at or below the backup's clock.
  if (micros < epoch.floor && !(cursor.firstSync && micros <= epoch.backupClock)) {
    throw resyncRequired(
      'This server was restored from a backup since your last sync. Download everything again (since 1970-01-01T00:00:00Z); keep your unsent changes and upload them.',
    );
  }
  // A first sync's holder had nothing before it began: purged deletions cannot concern it.
  if (micros < purged && !cursor.firstSync) {
    throw resyncRequired(
      'Your last sync is older than the server keeps deletions for. Download everything again (since 1970-01-01T00:00:00Z); keep your unsent changes and upload them.',
    );
  }
}

const resyncRequired = (detail: string) =>
  new HealthSyncError('RESYNC_REQUIRED', detail, {
    message: 'Full resync required.',
    suggested_action: 'RESYNC',
  });
