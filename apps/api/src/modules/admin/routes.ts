import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMIN_ENDPOINTS, ErrorBody } from '@healthsync/contracts';
import { endpointRoute } from '../../lib/endpoint-route';
import { commonErrorResponses, sendOffsetPage, sendPage } from '../../lib/http';
import { actorOf } from '../../lib/request-actor';
import { inTransaction } from '../../lib/transaction';
import { callerOf } from '../../core/caller';
import { listAudit } from './list-audit';
import { listDevices } from './list-devices';
import {
  createFacility,
  createMedicine,
  createPharmacy,
  listFacilities,
  updateMedicine,
  updatePharmacy,
} from './manage-directory';
import { createUser, listUsers, updateUser } from './manage-users';

const errors = { ...commonErrorResponses, 409: ErrorBody };

/** Users, facilities, pharmacies, medicines, device sync health and the audit log: admins only. */
const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app.db;
  // Before the body is parsed or validated: non-admins get 403 whatever they send.
  app.addHook('onRequest', app.requireRole('admin'));
  const ctxOf = (request: Parameters<typeof actorOf>[0]) => ({
    user: callerOf(request),
    actor: actorOf(request),
  });

  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.listUsers, errors),
    handler: async (request, reply) =>
      sendOffsetPage(request, reply, await listUsers(prisma, request.query), request.query),
  });
  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.createUser, errors),
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await inTransaction(prisma, (tx) => createUser(tx, ctxOf(request), request.body))),
  });
  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.updateUser, errors),
    handler: async (request) => {
      const user = await inTransaction(prisma, (tx) =>
        updateUser(tx, ctxOf(request), request.params.id, request.body),
      );
      // Other instances hear of it by notification; this one refuses the old tokens at once.
      app.sessions.ended(user.id);
      return user;
    },
  });

  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.listFacilities, errors),
    handler: async (request, reply) =>
      sendOffsetPage(request, reply, await listFacilities(prisma, request.query), request.query),
  });
  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.createFacility, errors),
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(prisma, (tx) => createFacility(tx, ctxOf(request), request.body)),
        ),
  });

  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.createPharmacy, errors),
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(prisma, (tx) => createPharmacy(tx, ctxOf(request), request.body)),
        ),
  });
  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.updatePharmacy, errors),
    handler: (request) =>
      inTransaction(prisma, (tx) =>
        updatePharmacy(tx, ctxOf(request), request.params.id, request.body),
      ),
  });
  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.createMedicine, errors),
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(prisma, (tx) => createMedicine(tx, ctxOf(request), request.body)),
        ),
  });
  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.updateMedicine, errors),
    handler: (request) =>
      inTransaction(prisma, (tx) =>
        updateMedicine(tx, ctxOf(request), request.params.id, request.body),
      ),
  });

  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.listDevices, errors),
    handler: async (request, reply) => {
      await app.devicePulls.flush(); // the pulls of the last second too
      const rows = await listDevices(prisma, request.query);
      return sendOffsetPage(request, reply, rows, request.query);
    },
  });
  app.route({
    ...endpointRoute(ADMIN_ENDPOINTS.listAudit, errors),
    handler: async (request, reply) =>
      sendPage(
        request,
        reply,
        await listAudit(prisma, request.query),
        request.query.limit,
        (last) => ({
          limit: request.query.limit,
          before_id: last.id,
        }),
      ),
  });
};

export default adminRoutes;
