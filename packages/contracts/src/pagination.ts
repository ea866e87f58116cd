import { z } from 'zod';
import { WIRE_HEADERS } from './headers';

/**
 * Every list and sync endpoint answers one page at a time: `limit` rows by default, at most `max`
 * (a larger `limit` is a 400 naming it, never clamped silently). No request returns a whole
 * facility — or, for an admin, every facility — at once.
 */
export const PAGE_SIZES = {
  /** GET /api/patients/, GET /api/records/ */
  clinicalList: { default: 100, max: 1000 },
  /** GET /api/{patients,appointments,records,doctors,pharmacy-inventory}/sync/ */
  resourceSync: { default: 1000, max: 10_000 },
  /** GET /api/sync/download/ */
  download: { default: 1000, max: 5000 },
  /** GET /api/sync/conflicts/ */
  conflicts: { default: 200, max: 1000 },
  /** GET /api/admin/{users,facilities,devices}/ */
  adminList: { default: 200, max: 1000 },
  /** GET /api/admin/audit/ */
  audit: { default: 100, max: 500 },
} as const;

export type PageSize = { default: number; max: number };

/** `limit`: rows per page, `size.default` when absent. */
export const pageLimit = (size: PageSize) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(size.max, `At most ${size.max} rows per page; follow the Link header for more.`)
    .default(size.default);

/** `offset`: rows to skip, for the lists that continue by offset (the Link header carries it). */
export const pageOffset = z.coerce.number().int().min(0).max(10_000_000).default(0);

/** `limit` and `offset` of a list that continues by offset. */
export const offsetPage = (size: PageSize) => ({ limit: pageLimit(size), offset: pageOffset });

/**
 * Response headers of a page. The body stays the bare array the spec shows; `X-Has-More: true`
 * says there is more, and `Link: <…>; rel="next"` (RFC 8288) is the URL of the next page, to be
 * followed as it is.
 */
export const PAGE_HEADERS = { hasMore: WIRE_HEADERS.hasMore, link: WIRE_HEADERS.link } as const;

/** The `rel="next"` target of a Link header, or null. */
export function nextPageUrl(link: string | null | undefined): string | null {
  for (const part of (link ?? '').split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel="?next"?\s*(;|$)/i.test(match[2]!)) return match[1]!;
  }
  return null;
}
