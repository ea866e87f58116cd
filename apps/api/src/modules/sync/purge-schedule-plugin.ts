import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { purgeTombstones } from './purge-tombstones';

const DAY_MS = 24 * 3600 * 1000;

/** Purges old tombstones once at start and then every `intervalMs` (daily by default). */
export default fp(
  async function purgeSchedulePlugin(
    app: FastifyInstance,
    options: { retentionDays: number; intervalMs?: number },
  ) {
    if (options.retentionDays <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    const run = async () => {
      try {
        const result = await purgeTombstones(
          app.db.prisma,
          new Date(Date.now() - options.retentionDays * DAY_MS),
        );
        if (result.purged) app.log.info({ purged: result.purged }, 'purged old tombstones');
      } catch (error) {
        app.log.error({ err: error }, 'tombstone purge failed; it runs again later');
      }
    };
    app.addHook('onReady', async () => {
      timer = setInterval(run, options.intervalMs ?? DAY_MS);
      timer.unref();
      void run();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'purge-schedule', dependencies: ['database'] },
);
