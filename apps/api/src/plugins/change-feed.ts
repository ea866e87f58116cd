import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { listenPglite, listenPostgres, type ChangeListener } from '../jobs/change-listener';

type Subscriber = (scope: string) => void;

declare module 'fastify' {
  interface FastifyInstance {
    /** Committed changes, from any API instance: subscribe(fn) → unsubscribe. */
    changeFeed: { subscribe(fn: Subscriber): () => void; subscribers(): number };
  }
}

/** Listens for change notifications from the database and fans them out to subscribers. */
export default fp(
  async function changeFeedPlugin(app: FastifyInstance) {
    const subscribers = new Set<Subscriber>();
    const publish = (scope: string) => {
      for (const subscriber of subscribers) subscriber(scope);
    };
    let listener: ChangeListener | undefined;
    app.decorate('changeFeed', {
      subscribe(fn: Subscriber) {
        subscribers.add(fn);
        return () => subscribers.delete(fn);
      },
      subscribers: () => subscribers.size,
    });
    app.addHook('onReady', async () => {
      listener =
        app.db.kind === 'postgres'
          ? await listenPostgres(app.db.pool, publish, (message, error) =>
              app.log.warn({ err: error }, message),
            )
          : await listenPglite(app.db.pglite, publish);
    });
    app.addHook('onClose', async () => {
      await listener?.stop();
    });
  },
  { name: 'change-feed', dependencies: ['database'] },
);
