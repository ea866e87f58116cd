import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { APPOINTMENT_ENDPOINTS, ErrorBody } from '@healthsync/contracts';
import { endpointRoute } from '../../lib/endpoint-route';
import { commonErrorResponses } from '../../lib/http';
import { actorOf } from '../../lib/request-actor';
import { inTransaction } from '../../lib/transaction';
import { callerOf } from '../../core/caller';
import { syncUpdateAppointment } from './sync-update-appointment';

const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app.db;

  app.route({
    ...endpointRoute(APPOINTMENT_ENDPOINTS.syncUpdate, { ...commonErrorResponses, 404: ErrorBody }),
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const ctx = {
        user: callerOf(request),
        actor,
        syncedAt: new Date(),
        deviceId: actor.deviceId,
      };
      const outcome = await inTransaction(prisma, (tx) =>
        syncUpdateAppointment(tx, ctx, request.params.id, request.body),
      );
      if (outcome.status === 409) {
        app.metrics.recordConflict('sync_update');
        return reply.code(409).send(outcome.body);
      }
      return outcome.row;
    },
  });
};

export default appointmentRoutes;
