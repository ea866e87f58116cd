import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { inputErrorOf } from '../lib/database-errors';
import { toHealthSyncError } from '../lib/framework-errors';
import { INVALID_URL, invalidUrlErrorOf } from '../lib/invalid-url';

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
