import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { HealthSyncError, MAX_JSON_DEPTH } from '@healthsync/contracts';
import { tooDeepField } from '../lib/json-depth';

/**
 * The JSON body parser: Fastify's own (prototype-poisoning checks included), after a check that
 * the text nests at most MAX_JSON_DEPTH levels. A deeper body is a 400 naming the field before
 * anything is built from it.
 */
export default fp(
  async function jsonBodyPlugin(app: FastifyInstance) {
    const parse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = body as string;
      const field = tooDeepField(text, MAX_JSON_DEPTH);
      if (field !== undefined) {
        done(
          HealthSyncError.validation({
            [field]: `Nested more than ${MAX_JSON_DEPTH} levels deep.`,
          }),
          undefined,
        );
        return;
      }
      parse(request, text, done);
    });
  },
  { name: 'json-body' },
);
