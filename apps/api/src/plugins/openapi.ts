import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { SYNC_PROTOCOL_VERSION } from '@healthsync/contracts';
import { DOCUMENT_HEADERS } from './security';

/**
 * The OpenAPI document, generated from the contracts, at /api/openapi.json; a docs page at /docs.
 * Unless `public` (outside production, or DOCS_PUBLIC=1), both need a signed-in user's token.
 */
export default fp(
  async function openapiPlugin(app: FastifyInstance, options: { public: boolean }) {
    // `authenticate` is decorated later (plugins/auth); it is looked up per request.
    const guard = options.public
      ? []
      : [(request: FastifyRequest, reply: FastifyReply) => app.authenticate(request, reply)];
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'HealthSync API',
          description:
            'Offline-first clinical data sync. Sign in at POST /api/auth/token/ and send `Authorization: Bearer <access>`.',
          version: `1.0.0 (sync protocol ${SYNC_PROTOCOL_VERSION})`,
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        security: [{ bearerAuth: [] }],
      },
      transform: jsonSchemaTransform,
    });
    await app.register(async (docs) => {
      // The docs page is the API's one HTML document: it gets helmet's document headers
      // (helmet reads a route's own settings from its config at request time).
      docs.addHook('onRoute', (route) => {
        const config: Record<string, unknown> = { ...route.config, helmet: DOCUMENT_HEADERS };
        route.config = config;
      });
      for (const hook of guard) docs.addHook('onRequest', hook);
      await docs.register(swaggerUi, { routePrefix: '/docs' });
    });
    app.get('/api/openapi.json', { schema: { hide: true }, onRequest: guard }, async () =>
      app.swagger(),
    );
  },
  { name: 'openapi' },
);
