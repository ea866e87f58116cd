import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminListQuery,
  AdminUser,
  AuditEntry,
  AuditQuery,
  CreateUserInput,
  DeviceHealth,
  ErrorBody,
  Facility,
  FacilityInput,
  IdParams,
  Medicine,
  MedicineInput,
  Pharmacy,
  PharmacyInput,
  UpdateUserInput,
} from '@healthsync/contracts';
import { commonErrorResponses, PAGED_LIST, sendOffsetPage, sendPage } from '../../lib/http';
import { actorOf } from '../../lib/request-actor';
import { inTransaction } from '../../lib/transaction';
import { callerOf } from '../../plugins/auth';
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

const tags = ['admin'];
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

  app.get('/api/admin/users/', {
    schema: {
      tags,
      summary: 'Every account, by username, a page at a time',
      description: PAGED_LIST,
      querystring: AdminListQuery,
      response: { 200: z.array(AdminUser), ...errors },
    },
    handler: async (request, reply) =>
      sendOffsetPage(request, reply, await listUsers(prisma, request.query), request.query),
  });
  app.post('/api/admin/users/', {
    schema: {
      tags,
      summary: 'Create an account',
      body: CreateUserInput,
      response: { 201: AdminUser, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await inTransaction(prisma, (tx) => createUser(tx, ctxOf(request), request.body))),
  });
  app.patch('/api/admin/users/:id/', {
    schema: {
      tags,
      summary:
        'Change an account (a new password, deactivation, or a new role, facility or pharmacy signs it out everywhere)',
      params: IdParams,
      body: UpdateUserInput,
      response: { 200: AdminUser, ...errors },
    },
    handler: async (request) => {
      const user = await inTransaction(prisma, (tx) =>
        updateUser(tx, ctxOf(request), request.params.id, request.body),
      );
      // Other instances hear of it by notification; this one refuses the old tokens at once.
      app.sessions.ended(user.id);
      return user;
    },
  });

  app.get('/api/admin/facilities/', {
    schema: {
      tags,
      summary: 'Every facility, by name, a page at a time',
      description: PAGED_LIST,
      querystring: AdminListQuery,
      response: { 200: z.array(Facility), ...errors },
    },
    handler: async (request, reply) =>
      sendOffsetPage(request, reply, await listFacilities(prisma, request.query), request.query),
  });
  app.post('/api/admin/facilities/', {
    schema: {
      tags,
      summary: 'Create a facility',
      body: FacilityInput,
      response: { 201: Facility, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(prisma, (tx) => createFacility(tx, ctxOf(request), request.body)),
        ),
  });

  app.post('/api/admin/pharmacies/', {
    schema: {
      tags,
      summary: 'Create a pharmacy',
      body: PharmacyInput,
      response: { 201: Pharmacy, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(prisma, (tx) => createPharmacy(tx, ctxOf(request), request.body)),
        ),
  });
  app.patch('/api/admin/pharmacies/:id/', {
    schema: {
      tags,
      summary: 'Change a pharmacy',
      params: IdParams,
      body: PharmacyInput.omit({ id: true }).partial(),
      response: { 200: Pharmacy, ...errors },
    },
    handler: (request) =>
      inTransaction(prisma, (tx) =>
        updatePharmacy(tx, ctxOf(request), request.params.id, request.body),
      ),
  });
  app.post('/api/admin/medicines/', {
    schema: {
      tags,
      summary: 'Add a medicine',
      body: MedicineInput,
      response: { 201: Medicine, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await inTransaction(prisma, (tx) => createMedicine(tx, ctxOf(request), request.body)),
        ),
  });
  app.patch('/api/admin/medicines/:id/', {
    schema: {
      tags,
      summary: 'Change a medicine',
      params: IdParams,
      body: MedicineInput.omit({ id: true }).partial(),
      response: { 200: Medicine, ...errors },
    },
    handler: (request) =>
      inTransaction(prisma, (tx) =>
        updateMedicine(tx, ctxOf(request), request.params.id, request.body),
      ),
  });

  app.get('/api/admin/devices/', {
    schema: {
      tags,
      summary: 'Sync health of every device, most recently seen first, a page at a time',
      description: PAGED_LIST,
      querystring: AdminListQuery,
      response: { 200: z.array(DeviceHealth), ...errors },
    },
    handler: async (request, reply) => {
      await app.devicePulls.flush(); // the pulls of the last second too
      const rows = await listDevices(prisma, request.query);
      return sendOffsetPage(request, reply, rows, request.query);
    },
  });
  app.get('/api/admin/audit/', {
    schema: {
      tags,
      summary: 'The audit log, newest first (read-only), a page at a time',
      description:
        'A bare array of at most `limit` entries. While `X-Has-More` is true, the `Link` header (rel="next") is the URL of the next page (`before_id` = the last entry\'s id).',
      querystring: AuditQuery,
      response: { 200: z.array(AuditEntry), ...errors },
    },
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
