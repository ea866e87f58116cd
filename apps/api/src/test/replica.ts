// The streaming replica of the `replica` vitest project (vitest.config.ts): TEST_DATABASE_REPLICA_URL
// names it (a superuser, e.g. postgresql://postgres@127.0.0.1:5433/test; `.ci/replica` makes it).
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { AppConfig } from '../env';
import { withAdminClient } from './postgres-admin';
import type { TestDatabase } from './test-database';
import './provided-context';

/** This run reads through a replica: the app of createTestApp gets DATABASE_REPLICA_URLS. */
export const replicaRun = process.env.HEALTHSYNC_TEST_REPLICA === '1';

function replicaAdminUrl(): string {
  const url = process.env.TEST_DATABASE_REPLICA_URL;
  if (!url) throw new Error('The replica test project needs TEST_DATABASE_REPLICA_URL');
  return url;
}

/** The same database and role as `primaryUrl`, at the replica's host and port. */
export function replicaUrlOf(primaryUrl: string): string {
  const replica = new URL(replicaAdminUrl());
  const url = new URL(primaryUrl);
  url.hostname = replica.hostname;
  url.port = replica.port;
  return url.toString();
}

/** Waits until the replica has replayed everything the primary (`primaryAdminUrl`) wrote so far. */
export async function waitForReplica(primaryAdminUrl: string): Promise<void> {
  const lsn = await withAdminClient(primaryAdminUrl, async (primary) => {
    const { rows } = await primary.query<{ lsn: string }>(
      'SELECT pg_current_wal_lsn()::text AS lsn',
    );
    return rows[0]!.lsn;
  });
  await withAdminClient(replicaAdminUrl(), async (replica) => {
    for (;;) {
      const { rows } = await replica.query<{ done: boolean }>(
        'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
        [lsn],
      );
      if (rows[0]?.done) return;
      await sleep(10);
    }
  });
}

/** Holds the replica's replay (it keeps receiving WAL, applies none) until `work` is done. */
export async function withReplayPaused<T>(work: () => Promise<T>): Promise<T> {
  return withAdminClient(replicaAdminUrl(), async (replica) => {
    await replica.query('SELECT pg_wal_replay_pause()');
    try {
      for (;;) {
        const { rows } = await replica.query<{ state: string }>(
          'SELECT pg_get_wal_replay_pause_state() AS state',
        );
        if (rows[0]?.state === 'paused') break;
        await sleep(5);
      }
      return await work();
    } finally {
      await replica.query('SELECT pg_wal_replay_resume()');
    }
  });
}

/** In a replica run: DATABASE_REPLICA_URLS for the test database, once the replica holds it. */
export async function replicaConfig(database: TestDatabase): Promise<Partial<AppConfig>> {
  if (!database.replicaUrl) return {};
  await waitForReplica(inject('postgresTestRun').adminUrl);
  return { databaseReplicaUrls: [database.replicaUrl] };
}
