import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  ErrorBody,
  formatMicros,
  resourceSyncEndpoint,
  type ResourceSyncQuery,
  SYNC_STRATEGY,
  ValidationErrorBody,
  requestHeader,
  WIRE_HEADERS,
} from '@healthsync/contracts';
import { endpointRoute } from '../../lib/endpoint-route';
import { forbidden } from '../../lib/errors';
import { sendJsonText, setPageHeaders } from '../../lib/http';
import { callerOf } from '../../core/caller';
import { parseCursorParam } from './cursor-param';
import type { PullRequest } from './pull-changes';
import { pullIfChanged } from './pull-if-changed';
import { resourceRowsJson } from './download-changes';
import { registeredEntities, visibleEntities } from './entities/registry';

/** A stable key of the parameters that shape the body, for the ETag. */
export function queryKey(path: string, query: Record<string, unknown>): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return `${path}?${entries.map(([k, v]) => `${k}=${String(v)}`).join('&')}`;
}

export function setSyncHeaders(reply: FastifyReply, etag: string, lastSync: string): void {
  reply.header(WIRE_HEADERS.etag, etag);
  reply.header(WIRE_HEADERS.lastSync, lastSync);
  reply.header(WIRE_HEADERS.syncStrategy, SYNC_STRATEGY);
  // Lower case: @fastify/compress appends 'accept-encoding' unless it finds it as written.
  reply.header('Vary', 'authorization, origin, accept-encoding');
}

export const etagMatches = (request: FastifyRequest, etag: string) =>
  (request.headers[requestHeader(WIRE_HEADERS.ifNoneMatch)] ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(etag);

/** GET /api/{patients,appointments,records,doctors,pharmacy-inventory}/sync/ (docs/api.md#per-resource-sync). */
export default async function resourceSyncRoutes(app: FastifyInstance) {
  for (const entity of registeredEntities()) {
    const { name, sync, schema } = entity.contract;
    if (!sync) continue;
    const endpoint = resourceSyncEndpoint(schema, sync);
    app.route({
      ...endpointRoute(endpoint, {
        400: ValidationErrorBody,
        401: ErrorBody,
        403: ErrorBody,
        410: ErrorBody,
      }),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const user = callerOf(request);
        // The role table (sync-scope.ts): the same entities as the caller's /api/sync/download/.
        if (!visibleEntities(user).includes(name)) throw forbidden();
        const query = request.query as z.output<typeof ResourceSyncQuery>;
        const since = parseCursorParam('last_sync_timestamp', query.last_sync_timestamp, false);
        const pull: PullRequest = {
          user,
          entities: [name],
          sinceMicros: since.micros,
          firstSync: since.firstSync,
          limit: query.limit,
          pharmacyId: query.pharmacy_id,
        };

        const reader = await app.replicaReads.caughtUp(since.micros);
        const result = await pullIfChanged(reader, {
          cursorName: 'last_sync_timestamp',
          since,
          pull,
          queryKey: queryKey(endpoint.path, query),
          isFresh: (etag) => etagMatches(request, etag),
        });
        if (result.notModified) {
          setSyncHeaders(reply, result.etag, formatMicros(result.watermark));
          return reply.code(304).send();
        }
        setSyncHeaders(reply, result.etag, result.nextCursorText);
        reply.header(WIRE_HEADERS.recordsSynced, String(result.changes.length));
        setPageHeaders(request, reply, result.hasMore, {
          last_sync_timestamp: result.nextCursorText,
          limit: query.limit,
        });
        return sendJsonText(reply, resourceRowsJson(result));
      },
    });
  }
}
