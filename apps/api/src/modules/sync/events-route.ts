import type { FastifyInstance } from 'fastify';
import { SYNC_ENDPOINTS, WIRE_HEADERS } from '@healthsync/contracts';
import { callerOf } from '../../core/caller';
import { endpointRoute } from '../../lib/endpoint-route';
import { scopeFacility } from './sync-scope';

const HEARTBEAT_MS = 15_000;
/** Several commits in quick succession wake a device once. */
const COALESCE_MS = 200;

type OpenStream = { userId: string; sessionVersion: number; close: () => void };

/**
 * GET /api/sync/events: a server-sent-events stream that says "pull now" when a change in the
 * caller's scope committed through any API instance. It carries no data, only the nudge.
 * A stream ends when its session does (plugins/sessions): the device's next request gets 401.
 */
export default async function syncEventsRoute(app: FastifyInstance) {
  const open = new Set<OpenStream>();
  // Streams never finish on their own: end them before the server waits for requests to drain.
  app.addHook('preClose', async () => {
    for (const stream of [...open]) stream.close();
  });
  const stopWatching = app.sessions.onEnded((userId) => {
    for (const stream of open) {
      if (userId !== null && stream.userId !== userId) continue;
      void app.sessions.isCurrent(stream.userId, stream.sessionVersion).then(
        (current) => current || stream.close(),
        // The database did not answer: end the stream; the device reconnects and is checked then.
        () => stream.close(),
      );
    }
  });
  app.addHook('onClose', async () => stopWatching());

  app.route({
    ...endpointRoute(SYNC_ENDPOINTS.events, {}),
    handler: (request, reply) => {
      const user = callerOf(request);
      const facility = scopeFacility(user);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
        [WIRE_HEADERS.requestId]: String(request.id),
      });
      res.write(': connected\nretry: 5000\n\n');

      let pending: NodeJS.Timeout | undefined;
      const unsubscribe = app.changeFeed.subscribe((scope) => {
        const mine = facility === null || scope === '*' || scope === facility;
        if (!mine || pending) return;
        pending = setTimeout(() => {
          pending = undefined;
          res.write(
            `event: change\ndata: {"scope":"${scope === '*' ? 'shared' : 'facility'}"}\n\n`,
          );
        }, COALESCE_MS);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const stream: OpenStream = {
        userId: user.id,
        sessionVersion: user.sessionVersion,
        close: () => {
          if (!open.delete(stream)) return;
          clearInterval(heartbeat);
          clearTimeout(pending);
          unsubscribe();
          res.end();
        },
      };
      open.add(stream);
      request.raw.on('close', stream.close);
    },
  });
}
