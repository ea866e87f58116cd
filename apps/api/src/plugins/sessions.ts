import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { readSessionState, SESSION_CHANNEL, SessionVersionCache } from './session-versions';

/** A user whose sessions may have ended, or null for anyone (notifications may have been missed). */
type EndedListener = (userId: string | null) => void;

declare module 'fastify' {
  interface FastifyInstance {
    sessions: {
      /** Whether an access token of this session version is still good, on any instance. */
      isCurrent(userId: string, version: number): Promise<boolean>;
      /** This instance just changed the user: act now instead of when the notification comes. */
      ended(userId: string): void;
      onEnded(fn: EndedListener): () => void;
    };
  }
}

/**
 * Revocation on every instance at the next request: tokens carry the user's session version, a
 * trigger raises it and NOTIFYs `healthsync_sessions`, and each instance keeps the versions it
 * has seen in memory, dropping a user on their notification and everyone when listening lapses.
 */
export default fp(
  async function sessionsPlugin(app: FastifyInstance) {
    const cache = new SessionVersionCache((userId) => readSessionState(app.db.prisma, userId), {
      maxAgeMs: 60_000,
      maxEntries: 100_000,
    });
    const listeners = new Set<EndedListener>();
    const ended = (userId: string | null) => {
      if (userId) cache.forget(userId);
      for (const listener of listeners) listener(userId);
    };
    app.notifications.listen(SESSION_CHANNEL, {
      onMessage: (userId) => ended(userId),
      onListening: () => {
        cache.trust();
        ended(null);
      },
      onLost: () => cache.distrust(),
    });
    app.decorate('sessions', {
      isCurrent: (userId: string, version: number) => cache.isCurrent(userId, version),
      ended,
      onEnded(fn: EndedListener) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    });
  },
  { name: 'sessions', dependencies: ['database', 'change-feed'] },
);
