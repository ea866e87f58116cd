import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export const CHANGE_CHANNEL = 'healthsync_changes';

/** Receives `healthsync_changes` notifications: a facility id, or '*' for rows everyone reads. */
export type ChangeListener = { stop(): Promise<void> };
export type OnChange = (scope: string) => void;

/** PGlite: NOTIFY is delivered in-process. */
export async function listenPglite(pglite: PGlite, onChange: OnChange): Promise<ChangeListener> {
  const unlisten = await pglite.listen(CHANGE_CHANNEL, onChange);
  return { stop: () => unlisten() };
}

/**
 * PostgreSQL: one connection of the pool is kept for LISTEN. When it drops (a restart, a failover)
 * it is replaced, with growing pauses, so notifications resume without restarting the API.
 */
export async function listenPostgres(
  pool: pg.Pool,
  onChange: OnChange,
  log: (message: string, error?: unknown) => void,
): Promise<ChangeListener> {
  let client: pg.PoolClient | undefined;
  let stopped = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    try {
      const next = await pool.connect();
      next.on('notification', (message) => {
        if (message.channel === CHANGE_CHANNEL) onChange(message.payload ?? '*');
      });
      next.on('error', (error) => {
        log('change listener connection lost; reconnecting', error);
        next.release(true);
        if (client === next) client = undefined;
        schedule();
      });
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
      client = next;
      attempt = 0;
      // Changes may have committed while we were not listening: tell everyone to check.
      onChange('*');
    } catch (error) {
      log('change listener could not connect; retrying', error);
      schedule();
    }
  };
  const schedule = () => {
    if (stopped) return;
    attempt += 1;
    retry = setTimeout(() => void connect(), Math.min(30_000, 250 * 2 ** attempt));
    retry.unref();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      if (client) {
        await client.query(`UNLISTEN ${CHANGE_CHANNEL}`).catch(() => {});
        client.release();
      }
    },
  };
}
