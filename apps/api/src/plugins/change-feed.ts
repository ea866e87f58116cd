import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import {
  CHANGE_CHANNEL,
  listenPglite,
  listenPostgres,
  type ChangeListener,
  type ChannelHandler,
} from '../jobs/change-listener';

type Subscriber = (scope: string) => void;

declare module 'fastify' {
  interface FastifyInstance {
    /** Committed changes, from any API instance: subscribe(fn) → unsubscribe. */
    changeFeed: { subscribe(fn: Subscriber): () => void; subscribers(): number };
    /** Other notification channels, on the same listening connection; add them before ready. */
    notifications: { listen(channel: string, handler: ChannelHandler): void };
  }
}

/** Listens for notifications from the database and fans them out to subscribers. */
export default fp(
  async function changeFeedPlugin(app: FastifyInstance) {
    const subscribers = new Set<Subscriber>();
    const publish = (scope: string) => {
      for (const subscriber of subscribers) subscriber(scope);
    };
    const channels = new Map<string, ChannelHandler>([
      [
        CHANGE_CHANNEL,
        {
          onMessage: (scope) => publish(scope || '*'),
          // Changes may have committed while we were not listening: tell everyone to check.
          onListening: () => publish('*'),
          onLost: () => {},
        },
      ],
    ]);
    let listener: ChangeListener | undefined;
    app.decorate('changeFeed', {
      subscribe(fn: Subscriber) {
        subscribers.add(fn);
        return () => subscribers.delete(fn);
      },
      subscribers: () => subscribers.size,
    });
    app.decorate('notifications', {
      listen(channel: string, handler: ChannelHandler) {
        if (listener) throw new Error(`listen(${channel}) after the listener started`);
        channels.set(channel, handler);
      },
    });
    app.addHook('onReady', async () => {
      listener =
        app.db.kind === 'postgres'
          ? await listenPostgres(app.db.pool, channels, (message, error) =>
              app.log.warn({ err: error }, message),
            )
          : await listenPglite(app.db.pglite, channels);
    });
    app.addHook('onClose', async () => {
      await listener?.stop();
    });
  },
  { name: 'change-feed', dependencies: ['database'] },
);
