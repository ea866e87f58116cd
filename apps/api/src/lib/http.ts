import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorBody, requestHeader, ValidationErrorBody, WIRE_HEADERS } from '@healthsync/contracts';
import { invalidField } from './errors';

/** Error responses every authenticated route may give, for the OpenAPI document. */
export const commonErrorResponses = {
  400: ValidationErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
};

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → undefined. */
export function expectedVersionOf(request: FastifyRequest): number | undefined {
  const header = request.headers[requestHeader(WIRE_HEADERS.ifMatch)];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
  if (!match)
    throw invalidField(WIRE_HEADERS.ifMatch, 'Expected the server_version of the row, e.g. "3".');
  return Number(match[1]);
}

/** Single rows carry their version as a strong ETag, for If-Match on the next write. */
export function setVersionEtag(reply: FastifyReply, version: number): void {
  reply.header(WIRE_HEADERS.etag, `"${version}"`);
}

/**
 * Marks a page of a list (contracts `PAGE_HEADERS`): `X-Has-More`, and when there is more a
 * `Link` to the next page — this request's URL with `next` replacing its paging parameters.
 */
export function setPageHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  hasMore: boolean,
  next: Record<string, string | number>,
): void {
  reply.header(WIRE_HEADERS.hasMore, String(hasMore));
  if (!hasMore) return;
  const [path, search = ''] = request.url.split('?');
  const query = new URLSearchParams(search);
  for (const [name, value] of Object.entries(next)) query.set(name, String(value));
  reply.header(WIRE_HEADERS.link, `<${path}?${query.toString()}>; rel="next"`);
}

/**
 * A page of rows read with one row more than `limit` (to know whether there is more), with its
 * headers set; `next` gives the paging parameters of the page after it from its last row.
 */
export function sendPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  rows: T[],
  limit: number,
  next: (last: T) => Record<string, string | number>,
): T[] {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  setPageHeaders(request, reply, hasMore, hasMore ? next(page.at(-1)!) : {});
  return page;
}

/** `sendPage` for a list continued by offset. */
export function sendOffsetPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  rows: T[],
  page: { limit: number; offset: number },
): T[] {
  return sendPage(request, reply, rows, page.limit, () => ({
    limit: page.limit,
    offset: page.offset + page.limit,
  }));
}

/**
 * Sends JSON that is already text (rows rendered by PostgreSQL). Fastify passes a string through
 * its serializer untouched; the route's response schema still documents the shape, and the tests
 * parse these bodies with the contracts.
 */
export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
