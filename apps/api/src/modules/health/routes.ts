import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HEALTH_ENDPOINTS } from '@healthsync/contracts';
import { endpointRoute } from '../../lib/endpoint-route';

/** Liveness (the process answers) and readiness (the database answers). */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(HEALTH_ENDPOINTS.live, {}),
    handler: async () => ({ status: 'ok' as const }),
  });

  app.route({
    ...endpointRoute(HEALTH_ENDPOINTS.ready, {}),
    handler: async (request, reply) => {
      try {
        await app.db.prisma.$queryRaw`SELECT 1`;
        return { status: 'ok' as const, database: app.db.kind };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable' as const, database: app.db.kind });
      }
    },
  });
};

export default healthRoutes;
