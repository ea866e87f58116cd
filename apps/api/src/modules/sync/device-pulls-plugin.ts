import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { recordDevicePulls, type DevicePull } from './record-device-activity';

export type DevicePullLog = {
  /** Notes a pull; it is written with the others of the same second. */
  note(pull: Omit<DevicePull, 'at'>): void;
  /** Writes every pull noted so far (and waits for a write under way). */
  flush(): Promise<void>;
};

declare module 'fastify' {
  interface FastifyInstance {
    devicePulls: DevicePullLog;
  }
}

/**
 * Device pull records (the admin's device health: last pull, last cursor) are written off the
 * request path, a device's latest pull per second in one statement for all devices: a pull is a
 * read, and committing a write for each one cost every pull a WAL flush and a pool connection.
 * A crash loses at most the last second of these records, never clinical data.
 */
export default fp(
  async function devicePullsPlugin(app: FastifyInstance, options: { intervalMs?: number }) {
    let pending = new Map<string, DevicePull>();
    let writing = Promise.resolve();

    const flush = (): Promise<void> => {
      writing = writing.then(async () => {
        if (pending.size === 0) return;
        const pulls = [...pending.values()];
        pending = new Map();
        try {
          await recordDevicePulls(app.db.prisma, pulls);
        } catch (error) {
          app.log.warn({ err: error, pulls: pulls.length }, 'device pull records not written');
        }
      });
      return writing;
    };

    app.decorate<DevicePullLog>('devicePulls', {
      note(pull) {
        pending.set(`${pull.userId}|${pull.deviceId}`, { ...pull, at: new Date() });
      },
      flush,
    });

    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      timer = setInterval(() => void flush(), options.intervalMs ?? 1000);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await flush();
    });
  },
  { name: 'device-pulls', dependencies: ['database'] },
);
