import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UploadReceipt } from '@healthsync/contracts';
import { HealthSyncError } from '@healthsync/contracts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: {
      recordReceipt(receipt: UploadReceipt, mode: 'sync' | 'async'): void;
      recordConflict(source: string): void;
    };
  }
}

/** Compares a presented secret in constant time. */
function sameText(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus metrics at GET /metrics: request rates and latencies per route, sync batches and
 * changes by outcome, conflicts, queue depth, open event streams, and the process's own figures.
 * With METRICS_TOKEN set it requires `Authorization: Bearer <token>`; without, it answers anyone
 * only when `public` (outside production, or METRICS_PUBLIC=1) and no one otherwise.
 */
export default fp(
  async function metricsPlugin(
    app: FastifyInstance,
    options: { token: string | undefined; public: boolean },
  ) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'healthsync_' });
    const requests = new Histogram({
      name: 'healthsync_http_request_duration_seconds',
      help: 'HTTP request latency by route, method and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const batches = new Counter({
      name: 'healthsync_sync_batches_total',
      help: 'Upload batches applied, by mode',
      labelNames: ['mode'],
      registers: [registry],
    });
    const changes = new Counter({
      name: 'healthsync_sync_changes_total',
      help: 'Uploaded changes by outcome',
      labelNames: ['status'],
      registers: [registry],
    });
    const conflicts = new Counter({
      name: 'healthsync_sync_conflicts_total',
      help: 'Stale client changes stored as conflicts, by source',
      labelNames: ['source'],
      registers: [registry],
    });
    new Gauge({
      name: 'healthsync_sync_batch_queue_depth',
      help: 'Uploaded batches waiting for the background worker',
      registers: [registry],
      async collect() {
        this.set(await app.db.prisma.syncBatch.count({ where: { status: 'pending' } }));
      },
    });
    new Gauge({
      name: 'healthsync_sync_event_streams',
      help: 'Open GET /api/sync/events streams on this instance',
      registers: [registry],
      collect() {
        this.set(app.changeFeed?.subscribers() ?? 0);
      },
    });
    new Gauge({
      name: 'healthsync_sync_conflicts_open',
      help: 'Conflicts waiting for a person to decide',
      registers: [registry],
      async collect() {
        this.set(await app.db.prisma.syncConflict.count({ where: { status: 'open' } }));
      },
    });

    app.decorate('metrics', {
      recordReceipt(receipt: UploadReceipt, mode: 'sync' | 'async') {
        batches.inc({ mode });
        for (const result of receipt.results) {
          changes.inc({ status: result.status });
          if (result.status === 'conflict') conflicts.inc({ source: 'upload' });
        }
      },
      recordConflict(source: string) {
        conflicts.inc({ source });
      },
    });

    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      requests.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      const allowed = options.token
        ? sameText(request.headers.authorization ?? '', `Bearer ${options.token}`)
        : options.public;
      if (!allowed) {
        throw new HealthSyncError(
          'NOT_AUTHENTICATED',
          options.token
            ? 'Send the metrics token as a bearer token.'
            : 'Metrics are closed: set METRICS_TOKEN (or METRICS_PUBLIC=1).',
        );
      }
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics' },
);
