import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Appointment,
  AppointmentSyncUpdate,
  ErrorBody,
  IdParams,
  StaleUpdateBody,
} from '@healthsync/contracts';
import { commonErrorResponses } from '../../lib/http';
import { actorOf } from '../../lib/request-actor';
import { inTransaction } from '../../lib/transaction';
import { callerOf } from '../../core/caller';
import { syncUpdateAppointment } from './sync-update-appointment';

const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app.db;

  app.put('/api/appointments/:id/sync_update/', {
    schema: {
      tags: ['sync'],
      summary: 'Update an appointment edited offline',
      description:
        'Send client_last_synced_at (the updated_at your edit was based on, or the X-Last-Sync of the pull you had) or base_version. ' +
        'If the appointment changed on the server since, the edit is refused with 409 STALE_UPDATE and kept as a conflict.',
      params: IdParams,
      body: AppointmentSyncUpdate,
      response: { 200: Appointment, 409: StaleUpdateBody, ...commonErrorResponses, 404: ErrorBody },
    },
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
