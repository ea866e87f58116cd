import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { SYNC_PROTOCOL_VERSION } from '@healthsync/contracts';

/** The OpenAPI document, generated from the contracts, at /api/openapi.json; a docs page at /docs. */
export default fp(
  async function openapiPlugin(app: FastifyInstance) {
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
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
