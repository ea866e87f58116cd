import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConflictListQuery,
  DownloadQuery,
  DownloadResponse,
  ErrorBody,
  IdParams,
  ResolveConflictRequest,
  ResolveConflictResponse,
  SyncConflict,
  SyncStatus,
  TriggerResponse,
  UploadQuery,
  UploadReceipt,
  UploadRequest,
  ValidationErrorBody,
} from '@healthsync/contracts';
import { commonErrorResponses, PAGED_LIST, sendJsonText, sendOffsetPage } from '../../lib/http';
import { actorOf } from '../../lib/request-actor';
import { inTransaction } from '../../lib/transaction';
import { callerOf } from '../../plugins/auth';
import { conflictToWire } from './conflicts/conflict-to-wire';
import { resolveConflict } from './conflicts/resolve-conflict';
import { parseCursorParam } from './cursor-param';
import { downloadResponseJson } from './download-changes';
import type { PullRequest } from './pull-changes';
import { pullIfChanged } from './pull-if-changed';
import { readWatermark } from './read-stamps';
import { etagMatches, queryKey, setSyncHeaders } from './resource-sync-routes';
import { DOWNLOAD_HEADERS, formatMicros } from '@healthsync/contracts';
import { countRemainingChanges } from './count-remaining';
import { visibleEntities } from './entities/registry';
import { syncStatus } from './sync-status';
import { findBatchFor, storeBatchForLater, uploadBatch } from './upload/upload-batch';
import { receiptOf } from './upload/apply-sync-batch';

const tags = ['sync'];
const errors = { ...commonErrorResponses, 409: ErrorBody, 410: ErrorBody };

const syncRoutes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app.db;

  app.get('/api/sync/status/', {
    schema: {
      tags,
      summary: 'How this server syncs',
      response: { 200: SyncStatus, 401: ErrorBody },
    },
    handler: async () => syncStatus(await readWatermark(prisma)),
  });

  app.get('/api/sync/download/', {
    schema: {
      tags,
      summary: 'Every change in your scope after `since`, oldest first, in pages',
      description:
        'Pass `next_cursor` back as `since` while `has_more` is true; then keep `server_time` for the next sync. ' +
        '`since=1970-01-01T00:00:00Z` downloads everything. A cursor older than the purge watermark gets 410 RESYNC_REQUIRED.',
      querystring: DownloadQuery,
      response: { 200: DownloadResponse, ...errors },
    },
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
      const result = await pullIfChanged(prisma, {
        cursorName: 'since',
        since,
        pull,
        queryKey: queryKey('/api/sync/download/', request.query),
        isFresh: (etag) => etagMatches(request, etag),
      });
      if (result.notModified) {
        setSyncHeaders(reply, result.etag, formatMicros(result.watermark));
        return reply.code(304).send(undefined as never);
      }
      setSyncHeaders(reply, result.etag, result.nextCursorText);
      reply.header('X-Records-Synced', String(result.changes.length));
      if (result.hasMore) {
        const remaining = await countRemainingChanges(prisma, pull, result.nextCursor);
        reply.header(DOWNLOAD_HEADERS.remaining, String(remaining));
      }
      const { deviceId } = actorOf(request);
      if (deviceId)
        app.devicePulls.note({ userId: user.id, deviceId, cursor: result.nextCursorText });
      return sendJsonText(reply, downloadResponseJson(result));
    },
  });

  app.post('/api/sync/upload/', {
    schema: {
      tags,
      summary: 'Upload a batch of changes from a device',
      description:
        'Applied in one transaction, with one result per change. Replaying a batch_id returns the stored receipt. ' +
        '`?async=true` stores the batch for the background worker (202).',
      querystring: UploadQuery,
      body: UploadRequest,
      response: { 200: UploadReceipt, 202: UploadReceipt, ...errors },
    },
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

  app.get('/api/sync/batches/:id/', {
    schema: {
      tags,
      summary: 'The receipt of an uploaded batch',
      params: IdParams,
      response: { 200: UploadReceipt, ...errors },
    },
    handler: async (request) =>
      receiptOf(await findBatchFor(prisma, callerOf(request), request.params.id)),
  });

  app.post('/api/sync/trigger/:batch_id/', {
    schema: {
      tags,
      summary:
        'Queue the processing of a stored batch (idempotent: an applied batch stays as it is)',
      params: z.object({ batch_id: z.uuid() }),
      response: { 200: TriggerResponse, ...errors },
    },
    handler: async (request) => {
      const batch = await findBatchFor(prisma, callerOf(request), request.params.batch_id);
      const taskId = await app.batchQueue.enqueue(batch.id);
      return { status: 'task started' as const, task_id: taskId };
    },
  });

  app.get('/api/sync/conflicts/', {
    schema: {
      tags,
      summary: "Your rejected changes (admins: everyone's), newest first, a page at a time",
      description: PAGED_LIST,
      querystring: ConflictListQuery,
      response: { 200: z.array(SyncConflict), 400: ValidationErrorBody, 401: ErrorBody },
    },
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

  app.post('/api/sync/conflicts/:id/resolve/', {
    schema: {
      tags,
      summary: 'Re-apply your change on top of the server row, or discard it',
      params: IdParams,
      body: ResolveConflictRequest,
      response: { 200: ResolveConflictResponse, ...errors },
    },
    handler: async (request) => {
      const ctx = { user: callerOf(request), actor: actorOf(request), syncedAt: new Date() };
      return inTransaction(prisma, (tx) =>
        resolveConflict(tx, ctx, request.params.id, request.body.action),
      );
    },
  });
};

export default syncRoutes;
