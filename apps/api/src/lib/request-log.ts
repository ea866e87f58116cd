import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are operational (paging, cursors, flags), never typed by a person. */
const SHOWN = new Set([
  'limit',
  'offset',
  'since',
  'last_sync_timestamp',
  'before_id',
  'status',
  'async',
]);

export const REDACTED = '[Redacted]';

/**
 * The URL as the request log shows it: the path, and each query parameter with its value only if
 * it is in SHOWN — `?search=Ramesh` (a patient's name or phone, typed into a search box) becomes
 * `?search=[Redacted]`.
 */
export function redactedUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const params = new URLSearchParams(url.slice(mark + 1));
  const shown = [...params].map(
    ([name, value]) => `${name}=${SHOWN.has(name) ? encodeURIComponent(value) : REDACTED}`,
  );
  return `${url.slice(0, mark)}?${shown.join('&')}`;
}

/** pino's `req` serializer: method, route pattern, redacted URL and the caller's address. */
export function requestLogEntry(request: FastifyRequest) {
  return {
    method: request.method,
    route: request.routeOptions?.url,
    url: redactedUrl(request.url),
    remoteAddress: request.ip,
  };
}

/** Logger options (or false for none) with the request serializer above, whatever else they set. */
export function withRedactedRequests(
  options: false | Record<string, unknown>,
): false | Record<string, unknown> {
  if (!options) return false;
  const serializers = (options.serializers ?? {}) as Record<string, unknown>;
  return { ...options, serializers: { ...serializers, req: requestLogEntry } };
}
