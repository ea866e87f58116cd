/**
 * Every header the API and its clients exchange beyond plain HTTP, named once, as the spec
 * documents write them (header names are case-insensitive; Node reads request headers in lower
 * case: use `requestHeader`).
 */
export const WIRE_HEADERS = {
  /** Request: the device a write comes from (audit; unverified). */
  deviceId: 'X-Device-Id',
  /** Both ways: the request's id (the client's if it sent one). */
  requestId: 'X-Request-Id',
  /** Per-resource sync: the cursor of the next sync (send it back as last_sync_timestamp). */
  lastSync: 'X-Last-Sync',
  recordsSynced: 'X-Records-Synced',
  syncStrategy: 'X-Sync-Strategy',
  /** Lists: there is a next page, at the Link header's rel="next". */
  hasMore: 'X-Has-More',
  /** Download pages with more to come: about how many rows of the caller's scope follow. */
  syncRemaining: 'X-Sync-Remaining',
  link: 'Link',
  etag: 'ETag',
  ifNoneMatch: 'If-None-Match',
  ifMatch: 'If-Match',
  authorization: 'Authorization',
} as const;

export type WireHeader = (typeof WIRE_HEADERS)[keyof typeof WIRE_HEADERS];

/** The key of a header in Node's `request.headers`. */
export const requestHeader = <H extends WireHeader>(name: H) => name.toLowerCase() as Lowercase<H>;

/** Headers the API lets a browser's script read (CORS). */
export const EXPOSED_HEADERS: readonly WireHeader[] = [
  WIRE_HEADERS.etag,
  WIRE_HEADERS.lastSync,
  WIRE_HEADERS.recordsSynced,
  WIRE_HEADERS.syncStrategy,
  WIRE_HEADERS.hasMore,
  WIRE_HEADERS.syncRemaining,
  WIRE_HEADERS.link,
  WIRE_HEADERS.requestId,
];

/** Request headers a browser's script may send cross-origin (CORS), with HTTP's own. */
export const ALLOWED_REQUEST_HEADERS: readonly string[] = [
  WIRE_HEADERS.authorization,
  'Content-Type',
  WIRE_HEADERS.ifNoneMatch,
  WIRE_HEADERS.ifMatch,
  WIRE_HEADERS.deviceId,
  'Content-Encoding',
];
