import { formatMicros, parseTimestamp } from '../timestamp';

/**
 * Sync cursors are change stamps in ISO 8601 (µs). A page cut in the middle of a FIRST sync carries
 * three more fractional digits, `001` (a nanosecond past the stamp, so it still orders correctly):
 * its holder had nothing before this download began, so purged tombstones cannot concern it and it
 * never gets 410. Clients treat cursors as opaque strings and send them back unchanged.
 */
export type SyncCursor = { micros: bigint; firstSync: boolean };

const FIRST_SYNC_MARK = '001';

export function formatCursor(micros: bigint, firstSync = false): string {
  const text = formatMicros(micros);
  return firstSync ? `${text.slice(0, -1)}${FIRST_SYNC_MARK}Z` : text;
}

/** null when the text is not a timestamp (use parseTimestamp for the reason). */
export function parseCursor(text: string): SyncCursor | null {
  const parsed = parseTimestamp(text);
  if (!parsed.ok) return null;
  const firstSync = /\.\d{6}001Z$/.test(text.trim()) || parsed.micros <= 0n;
  return { micros: parsed.micros < 0n ? 0n : parsed.micros, firstSync };
}
