import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthStatus } from '@healthsync/contracts';

/** Liveness (the process answers) and readiness (the database answers). */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', {
    schema: { tags: ['health'], response: { 200: HealthStatus } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    schema: { tags: ['health'], response: { 200: HealthStatus, 503: HealthStatus } },
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
