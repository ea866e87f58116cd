/** How long a download page should take: long enough that a round trip is a small part of it. */
export const TARGET_PAGE_MS = 5_000;

/**
 * The size of the next page of a download, from how fast the last one came: a slow link gets
 * pages of about TARGET_PAGE_MS, so its round trips (600 ms on 2G) stay a small share of the
 * time; a fast one gets the largest pages allowed. Never below `min` nor above `max`.
 */
export function nextPageSize(
  rows: number,
  elapsedMs: number,
  { min, max }: { min: number; max: number },
): number {
  if (max <= min) return min;
  const perMs = rows / Math.max(elapsedMs, 1);
  return Math.min(max, Math.max(min, Math.floor(perMs * TARGET_PAGE_MS)));
}
