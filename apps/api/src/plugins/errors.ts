import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HealthSyncError } from '@healthsync/contracts';
import { inputErrorOf } from '../lib/database-errors';
import { INVALID_URL, invalidUrlErrorOf } from '../lib/invalid-url';

type Issue = {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
};

/** Turns schema-validation issues into `{field: message}`, naming each field by its dotted path. */
function fieldErrors(issues: Issue[], context: string | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
    const keys =
      issue.keyword === 'unrecognized_keys'
        ? (issue.params?.keys as string[] | undefined)
        : undefined;
    if (keys?.length) {
      for (const key of keys) errors[path ? `${path}.${key}` : key] = 'Unknown field.';
      continue;
    }
    const field = path || context || 'body';
    errors[field] ??= issue.message ?? 'Invalid value.';
  }
  return errors;
}

export function toHealthSyncError(
  error: FastifyError & { code?: string },
): HealthSyncError | undefined {
  if (error instanceof HealthSyncError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return HealthSyncError.validation(
      fieldErrors(error.validation as Issue[], error.validationContext),
    );
  }
  if (error.validation) {
    return HealthSyncError.validation(
      fieldErrors(error.validation as Issue[], error.validationContext),
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HealthSyncError('PAYLOAD_TOO_LARGE', 'Request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HealthSyncError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return HealthSyncError.validation({
        body: 'Body cannot be empty when content-type is application/json.',
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return HealthSyncError.validation({ body: 'Malformed JSON.' });
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return HealthSyncError.validation({ body: 'Malformed JSON.' });
  }
  if (error.statusCode === 429) {
    return new HealthSyncError('RATE_LIMITED', 'Too many attempts. Try again in a minute.');
  }
  // Fastify's and its plugins' own client errors (bad headers, content length, a body that does
  // not decompress…): their messages are safe to show, naming the part of the request at fault.
  if (error.statusCode === 400) {
    return HealthSyncError.validation({ [requestPartOf(error.code)]: error.message });
  }
  return undefined;
}

/** The part of the request a framework-level 400 is about, for the `errors` object. */
function requestPartOf(code: string | undefined): string {
  if (code?.startsWith('FST_CP_ERR')) return 'Content-Encoding'; // @fastify/compress
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return 'Content-Length';
  if (code?.startsWith('FST_ERR_CTP')) return 'body';
  return 'request';
}

/** One error handler for the whole API: every error is JSON, internals never leak. */
export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const refused = inputErrorOf(error);
      if (refused) {
        // A value only the database could refuse: the schemas should have. Logged for that, by
        // the err serializer (lib/error-for-log) without the values of the call.
        if (refused.code === 'VALIDATION_ERROR')
          request.log.warn({ err: error }, 'database refused input');
        return reply.code(refused.status).type('application/json').send(refused.body);
      }
      const known = toHealthSyncError(error);
      if (known) {
        if (known.status >= 500) request.log.error({ err: error }, 'request failed');
        const retryAfter = known.body.retry_after;
        if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
        return reply.code(known.status).type('application/json').send(known.body);
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        // Other client errors of Fastify and its plugins: their messages are safe to show.
        return reply.code(status).send({ error_code: 'BAD_REQUEST', detail: error.message });
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply
        .code(500)
        .type('application/json')
        .send({ error_code: 'INTERNAL_ERROR', detail: 'Internal server error.' });
    });

    app.setNotFoundHandler((request, reply) => {
      const invalidUrl = invalidUrlErrorOf(request.url, INVALID_URL);
      if (invalidUrl) return reply.code(400).send(invalidUrl.body);
      return reply.code(404).send({
        error_code: 'NOT_FOUND',
        detail: `No route for ${request.method} ${request.url.split('?')[0]}.`,
      });
    });
  },
  { name: 'errors' },
);
