import { setTimeout as sleep } from 'node:timers/promises';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../db/open-database';
import type { ReadClient, ReplicaReads } from '../core/replica-reads';
import { readWatermark } from '../core/sync-clock';
import type { PrismaClient } from '../db/prisma';

declare module 'fastify' {
  interface FastifyInstance {
    /** Pulls and FHIR reads from a caught-up streaming replica (DATABASE_REPLICA_URLS). */
    replicaReads: ReplicaReads;
  }
}

/** Pauses between looks at a lagging replica's replay position: about a quarter of a second in all. */
const WAITS_MS = [2, 4, 8, 16, 32, 64, 128];

/** The primary's WAL insert position (after its watermark was read), as text. */
async function walInsertPosition(primary: PrismaClient): Promise<string> {
  const [row] = await primary.$queryRawUnsafe<{ lsn: string }[]>(
    `SELECT pg_current_wal_insert_lsn()::text AS lsn`,
  );
  return row!.lsn;
}

/** Whether a replica has replayed the primary's WAL up to `lsn`. */
async function hasReplayed(replica: PrismaClient, lsn: string): Promise<boolean> {
  const [row] = await replica.$queryRawUnsafe<{ replayed: boolean | null }[]>(
    `SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS replayed`,
    lsn,
  );
  return row?.replayed === true;
}

/**
 * Reads from PostgreSQL streaming replicas, round robin. A replica cannot see the primary's writers
 * in flight, so the watermark is read on the primary (sync_watermark()), then the primary's WAL
 * insert position: every change at or below the watermark was committed before, so its commit
 * record lies before that position. A read goes to a replica only once it has replayed up to there
 * (so every change committed before — the caller's own too — is in a snapshot taken on it) and
 * serves rows up to that watermark; else, after a short wait, it goes to the primary.
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
    const fromPrimary = (watermark?: bigint): ReadClient => {
      served.primary += 1;
      return { prisma: primary, source: 'primary', watermark };
    };
    let turn = 0;

    async function caughtUp(cursor = 0n): Promise<ReadClient> {
      if (replicas.length === 0) return fromPrimary();
      // Read before any snapshot of the pull, so it holds for the primary too.
      const watermark = await readWatermark(primary);
      // A cursor beyond the watermark (from the future, or from before a restore): the primary
      // judges it.
      if (cursor > watermark) return fromPrimary(watermark);
      const required = await walInsertPosition(primary);
      const replica = replicas[turn++ % replicas.length]!;
      try {
        for (const wait of [0, ...WAITS_MS]) {
          if (wait) await sleep(wait);
          if (await hasReplayed(replica.prisma, required)) {
            served.replica += 1;
            return { prisma: replica.prisma, source: 'replica', watermark };
          }
        }
      } catch (error) {
        app.log.warn({ err: error }, 'read replica unavailable: reading from the primary');
      }
      return fromPrimary(watermark);
    }

    app.decorate<ReplicaReads>('replicaReads', { caughtUp, served });
  },
  { name: 'read-replicas', dependencies: ['database'] },
);
