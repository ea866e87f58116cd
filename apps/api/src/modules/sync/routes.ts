import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorBody,
  formatMicros,
  SYNC_ENDPOINTS,
  ValidationErrorBody,
  WIRE_HEADERS,
} from '@healthsync/contracts';
import { endpointRoute } from '../../lib/endpoint-route';
import { commonErrorResponses, sendJsonText, sendOffsetPage } from '../../lib/http';
import { actorOf } from '../../lib/request-actor';
import { inTransaction } from '../../lib/transaction';
import { callerOf } from '../../core/caller';
import { conflictToWire } from './conflicts/conflict-to-wire';
import { resolveConflict } from './conflicts/resolve-conflict';
import { parseCursorParam } from './cursor-param';
import { downloadResponseJson } from './download-changes';
import type { PullRequest } from './pull-changes';
import { pullIfChanged } from './pull-if-changed';
import { readWatermark } from './read-stamps';
import { etagMatches, queryKey, setSyncHeaders } from './resource-sync-routes';
import { countRemainingChanges } from './count-remaining';
import { visibleEntities } from './entities/registry';
import { syncStatus } from './sync-status';
import { findBatchFor, storeBatchForLater, uploadBatch } from './upload/upload-batch';
import { receiptOf } from './upload/apply-sync-batch';

const errors = { ...commonErrorResponses, 409: ErrorBody, 410: ErrorBody };

const syncRoutes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app.db;

  app.route({
    ...endpointRoute(SYNC_ENDPOINTS.status, { 401: ErrorBody }),
    handler: async () => syncStatus(await readWatermark(prisma)),
  });

  app.route({
    ...endpointRoute(SYNC_ENDPOINTS.download, errors),
    handler: async (request, reply) => {
      const user = callerOf(request);
      const since = parseCursorParam('since', request.query.since, true);
      const pull: PullRequest = {
        user,
        entities: visibleEntities(user),
        sinceMicros: since.micros,
        firstSync: since.firstSync,
        limit: request.query.limit,
      };
      // A replica that holds every change committed so far (and the cursor), else the primary.
      const reader = await app.replicaReads.caughtUp(since.micros);
      const result = await pullIfChanged(reader, {
        cursorName: 'since',
        since,
        pull,
        queryKey: queryKey(SYNC_ENDPOINTS.download.path, request.query),
        isFresh: (etag) => etagMatches(request, etag),
      });
      if (result.notModified) {
        setSyncHeaders(reply, result.etag, formatMicros(result.watermark));
        // Not Modified has no body, so it is no response schema's business.
        return (reply as FastifyReply).code(304).send();
      }
      setSyncHeaders(reply, result.etag, result.nextCursorText);
      reply.header(WIRE_HEADERS.recordsSynced, String(result.changes.length));
      if (result.hasMore) {
        const remaining = await countRemainingChanges(reader.prisma, pull, result.nextCursor);
        reply.header(WIRE_HEADERS.syncRemaining, String(remaining));
      }
      const { deviceId } = actorOf(request);
      if (deviceId)
        app.devicePulls.note({ userId: user.id, deviceId, cursor: result.nextCursorText });
      return sendJsonText(reply, downloadResponseJson(result));
    },
  });

  app.route({
    ...endpointRoute(SYNC_ENDPOINTS.upload, errors),
    handler: async (request, reply) => {
      const user = callerOf(request);
      const isAsync = request.query.async === 'true' || request.query.async === '1';
      if (!isAsync) {
        return uploadBatch(prisma, user, actorOf(request), request.body, {
          onApplied: (receipt) => app.metrics.recordReceipt(receipt, 'sync'),
        });
      }
      const receipt = await storeBatchForLater(prisma, user, request.body);
      if (receipt.status === 'pending') await app.batchQueue.enqueue(receipt.batch_id);
      return reply.code(202).send(receipt);
    },
  });

  app.route({
    ...endpointRoute(SYNC_ENDPOINTS.batch, errors),
    handler: async (request) =>
      receiptOf(await findBatchFor(prisma, callerOf(request), request.params.id)),
  });

  app.route({
    ...endpointRoute(SYNC_ENDPOINTS.trigger, errors),
    handler: async (request) => {
      const batch = await findBatchFor(prisma, callerOf(request), request.params.batch_id);
      const taskId = await app.batchQueue.enqueue(batch.id);
      return { status: 'task started' as const, task_id: taskId };
    },
  });

  app.route({
    ...endpointRoute(SYNC_ENDPOINTS.listConflicts, { 400: ValidationErrorBody, 401: ErrorBody }),
    handler: async (request, reply) => {
      const user = callerOf(request);
      const { status, limit, offset } = request.query;
      const rows = await prisma.syncConflict.findMany({
        where: {
          ...(user.role === 'admin' ? {} : { userId: user.id }),
          ...(status ? { status } : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        skip: offset,
      });
      return sendOffsetPage(request, reply, rows.map(conflictToWire), { limit, offset });
    },
  });

  app.route({
    ...endpointRoute(SYNC_ENDPOINTS.resolveConflict, errors),
    handler: async (request) => {
      const ctx = { user: callerOf(request), actor: actorOf(request), syncedAt: new Date() };
      return inTransaction(prisma, (tx) =>
        resolveConflict(tx, ctx, request.params.id, request.body.action),
      );
    },
  });
};

export default syncRoutes;
