import { setTimeout as sleep } from 'node:timers/promises';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../db/open-database';
import type { ReadClient, ReplicaReads } from '../core/replica-reads';
import { readWatermark } from '../core/sync-clock';

declare module 'fastify' {
  interface FastifyInstance {
    /** Pulls and FHIR reads from a caught-up streaming replica (DATABASE_REPLICA_URLS). */
    replicaReads: ReplicaReads;
  }
}

/** Pauses between looks at a lagging replica's clock: about a quarter of a second in all. */
const WAITS_MS = [2, 4, 8, 16, 32, 64, 128];

/**
 * Reads from PostgreSQL streaming replicas, round robin. A replica replays the primary's commits
 * in their order, which is stamp order (the sync_clock row lock), so its `sync_clock.last` says
 * exactly which changes it holds: a read goes there only once that has reached the primary's clock
 * at the start of the read (so every change committed before — the caller's own too — and every
 * cursor handed out before are covered), else, after a short wait, to the primary.
 */
export default fp(
  async function readReplicasPlugin(app: FastifyInstance, options: { urls: readonly string[] }) {
    const replicas: Database[] = [];
    app.addHook('onClose', async () => {
      await Promise.all(replicas.map((replica) => replica.close()));
    });
    for (const url of options.urls) replicas.push(await openDatabase({ databaseUrl: url }));

    const primary = app.db.prisma;
    const served = { replica: 0, primary: 0 };
    const fromPrimary = (): ReadClient => {
      served.primary += 1;
      return { prisma: primary, source: 'primary' };
    };
    let turn = 0;

    async function caughtUp(cursor = 0n): Promise<ReadClient> {
      if (replicas.length === 0) return fromPrimary();
      const required = await readWatermark(primary);
      // A cursor beyond the primary's clock (from the future, or from before a restore): the
      // primary judges it.
      if (cursor > required) return fromPrimary();
      const replica = replicas[turn++ % replicas.length]!;
      try {
        for (const wait of [0, ...WAITS_MS]) {
          if (wait) await sleep(wait);
          if ((await readWatermark(replica.prisma)) >= required) {
            served.replica += 1;
            return { prisma: replica.prisma, source: 'replica' };
          }
        }
      } catch (error) {
        app.log.warn({ err: error }, 'read replica unavailable: reading from the primary');
      }
      return fromPrimary();
    }

    app.decorate<ReplicaReads>('replicaReads', { caughtUp, served });
  },
  { name: 'read-replicas', dependencies: ['database'] },
);
