import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorBody, ValidationErrorBody } from '@healthsync/contracts';
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
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
  if (!match) throw invalidField('If-Match', 'Expected the server_version of the row, e.g. "3".');
  return Number(match[1]);
}

/** Single rows carry their version as a strong ETag, for If-Match on the next write. */
export function setVersionEtag(reply: FastifyReply, version: number): void {
  reply.header('ETag', `"${version}"`);
}

export const ListQuery = z.object({
  search: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/**
 * Sends JSON that is already text (rows rendered by PostgreSQL). Fastify passes a string through
 * its serializer untouched; the route's response schema still documents the shape, and the tests
 * parse these bodies with the contracts.
 */
export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
