import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ErrorBody, type CrudEndpoints } from '@healthsync/contracts';
import type { Db } from '../db/prisma';
import type { AuthUser } from '../core/auth-user';
import type { WriteContext } from '../core/write-context';
import { callerOf } from '../core/caller';
import { endpointRoute } from './endpoint-route';
import { commonErrorResponses, expectedVersionOf, sendOffsetPage, setVersionEtag } from './http';
import { actorOf } from './request-actor';
import { inTransaction } from './transaction';

type Row = { server_version: number };

/** The services behind one REST resource; each write runs inside its own transaction. */
export type CrudResource<
  Q extends z.ZodType,
  W extends Row,
  C extends z.ZodType,
  U extends z.ZodType,
  P extends z.ZodType,
> = {
  /** Its endpoints in contracts (PATIENT_ENDPOINTS, RECORD_ENDPOINTS). */
  endpoints: CrudEndpoints<Q, C, U, P>;
  /** One page: `query.limit` rows after `query.offset`, plus one more if there is more. */
  list: (db: Db, user: AuthUser, query: z.output<Q>) => Promise<W[]>;
  get: (db: Db, user: AuthUser, id: string) => Promise<W>;
  create: (tx: Db, ctx: WriteContext, body: z.output<C>) => Promise<W>;
  update: (
    tx: Db,
    ctx: WriteContext,
    id: string,
    body: z.output<U> | z.output<P>,
    expected?: number,
  ) => Promise<W>;
  remove: (tx: Db, ctx: WriteContext, id: string, expected?: number) => Promise<unknown>;
};

/** list / create (201) / retrieve / PUT / PATCH / DELETE (204), as docs/api.md#patients-and-health-records describes them. */
export function registerCrudRoutes<
  Q extends z.ZodType,
  W extends Row,
  C extends z.ZodType,
  U extends z.ZodType,
  P extends z.ZodType,
>(fastify: FastifyInstance, resource: CrudResource<Q, W, C, U, P>): void {
  // Registered without the type provider: its inference does not reach through these generics,
  // so each handler casts what the schemas have already validated.
  const app = fastify;
  const { prisma } = fastify.db;
  const { endpoints } = resource;
  const errors = { ...commonErrorResponses, 409: ErrorBody, 412: ErrorBody };
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const writeContext = (request: FastifyRequest): WriteContext => ({
    user: callerOf(request),
    actor: actorOf(request),
  });

  app.route({
    ...endpointRoute(endpoints.list, errors),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as z.output<Q> & { limit: number; offset: number };
      const rows = await resource.list(prisma, callerOf(request), query);
      return sendOffsetPage(request, reply, rows, query);
    },
  });

  app.route({
    ...endpointRoute(endpoints.create, errors),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const ctx = writeContext(request);
      const created = await inTransaction(prisma, (tx) =>
        resource.create(tx, ctx, request.body as z.output<C>),
      );
      setVersionEtag(reply, created.server_version);
      return reply.code(201).send(created);
    },
  });

  app.route({
    ...endpointRoute(endpoints.retrieve, errors),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const found = await resource.get(prisma, callerOf(request), idOf(request));
      setVersionEtag(reply, found.server_version);
      return found;
    },
  });

  for (const endpoint of [endpoints.replace, endpoints.update]) {
    app.route({
      ...endpointRoute(endpoint, errors),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const ctx = writeContext(request);
        const expected = expectedVersionOf(request);
        const body = request.body as z.output<U> | z.output<P>;
        const updated = await inTransaction(prisma, (tx) =>
          resource.update(tx, ctx, idOf(request), body, expected),
        );
        setVersionEtag(reply, updated.server_version);
        return updated;
      },
    });
  }

  app.route({
    ...endpointRoute(endpoints.remove, errors),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const ctx = writeContext(request);
      const expected = expectedVersionOf(request);
      await inTransaction(prisma, (tx) => resource.remove(tx, ctx, idOf(request), expected));
      return reply.code(204).send(null);
    },
  });
}
