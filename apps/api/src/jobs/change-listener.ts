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
  /** The listening connection and how to hand it back: once, without our listeners on it. */
  let current: { client: pg.PoolClient; release(destroy: boolean): void } | undefined;
  let stopped = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    try {
      const next = await pool.connect();
      let released = false;
      const onNotification = (message: pg.Notification) => {
        if (message.channel === CHANGE_CHANNEL) onChange(message.payload ?? '*');
      };
      const onError = (error: Error) => {
        if (released) return;
        log('change listener connection lost; reconnecting', error);
        release(true);
        schedule();
      };
      // A connection back in the pool may still report errors (a terminated backend): they are
      // the pool's to handle, not a second release from here.
      const release = (destroy: boolean) => {
        if (released) return;
        released = true;
        next.off('notification', onNotification);
        next.off('error', onError);
        if (current?.client === next) current = undefined;
        next.release(destroy);
      };
      next.on('notification', onNotification);
      next.on('error', onError);
      try {
        await next.query(`LISTEN ${CHANGE_CHANNEL}`);
      } catch (error) {
        release(true);
        throw error;
      }
      current = { client: next, release };
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
    clearTimeout(retry); // one pending reconnect, however many errors reported the loss
    retry = setTimeout(() => void connect(), Math.min(30_000, 250 * 2 ** attempt));
    retry.unref();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const listening = current;
      if (listening) {
        await listening.client.query(`UNLISTEN ${CHANGE_CHANNEL}`).catch(() => {});
        listening.release(false);
      }
    },
  };
}
