import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/** A facility id, or '*' for rows everyone reads (migrations/*_change_notifications). */
export const CHANGE_CHANNEL = 'healthsync_changes';

export type ChangeListener = { stop(): Promise<void> };

/** What one channel's listener does with its notifications and with gaps in listening. */
export type ChannelHandler = {
  onMessage(payload: string): void;
  /** LISTEN is in place, first or after a reconnect: anything may have been missed before. */
  onListening(): void;
  /** The connection is gone: notifications are missed until the next onListening. */
  onLost(): void;
};
export type Channels = ReadonlyMap<string, ChannelHandler>;

const each = (channels: Channels, event: 'onListening' | 'onLost') => {
  for (const handler of channels.values()) handler[event]();
};

/** PGlite: NOTIFY is delivered in-process and never missed. */
export async function listenPglite(pglite: PGlite, channels: Channels): Promise<ChangeListener> {
  const unlisten = await Promise.all(
    [...channels].map(([channel, handler]) =>
      pglite.listen(channel, (payload) => handler.onMessage(payload)),
    ),
  );
  each(channels, 'onListening');
  return { stop: async () => void (await Promise.all(unlisten.map((stop) => stop()))) };
}

/**
 * PostgreSQL: one connection of the pool is kept for LISTEN. When it drops (a restart, a failover)
 * it is replaced, with growing pauses, so notifications resume without restarting the API.
 */
export async function listenPostgres(
  pool: pg.Pool,
  channels: Channels,
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
        channels.get(message.channel)?.onMessage(message.payload ?? '');
      };
      const onError = (error: Error) => {
        if (released) return;
        log('change listener connection lost; reconnecting', error);
        release(true);
        each(channels, 'onLost');
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
        // One round trip for every channel.
        await next.query([...channels.keys()].map((channel) => `LISTEN ${channel}`).join('; '));
      } catch (error) {
        release(true);
        throw error;
      }
      current = { client: next, release };
      attempt = 0;
      each(channels, 'onListening');
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
        await listening.client.query('UNLISTEN *').catch(() => {});
        listening.release(false);
      }
    },
  };
}
