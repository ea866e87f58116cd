import { endpointUrl, SYNC_ENDPOINTS } from '@healthsync/contracts';
import type { SyncClient } from '@healthsync/sync-client';
import { whenIdleAfterLoad } from './when-idle-after-load';
import type { IdleHost } from './when-idle-after-load';

const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Splits a server-sent-events stream into events and reports each `event: change`. */
async function readChanges(body: ReadableStream<Uint8Array>, onChange: () => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^event: ?change$/m.test(event)) onChange();
      end = buffer.indexOf('\n\n');
    }
  }
}

/**
 * While online, keeps GET /api/sync/events open (fetch streaming: EventSource cannot send the
 * bearer token) and asks the sync client to pull whenever the server says something in scope
 * changed, so stock or a colleague's edit shows up in seconds instead of at the next timer.
 * Stops for good if the server has no such endpoint (404); reconnects with backoff otherwise.
 * The server ends the stream when the session is revoked; the reconnect's 401 starts a sync.
 * Returns a function that closes the stream.
 */
export function listenForServerChanges(
  client: SyncClient,
  accessToken: () => Promise<string | null>,
): () => void {
  const stop = new AbortController();
  void (async () => {
    // Once the page has loaded and is idle: never in the way of first paint, yet open within
    // about a second, so a colleague's change shows up without a tap. The request is one small
    // long-lived response; it does not hold up the first sync on a slow link.
    await whenIdleAfterLoad(window as unknown as IdleHost);
    let retry = FIRST_RETRY_MS;
    while (!stop.signal.aborted) {
      const token = await accessToken().catch(() => null);
      if (!navigator.onLine || !token) {
        await sleep(FIRST_RETRY_MS, stop.signal);
        continue;
      }
      try {
        const response = await fetch(endpointUrl(SYNC_ENDPOINTS.events), {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
          signal: stop.signal,
          cache: 'no-store',
        });
        if (response.status === 404) return;
        // An expired or revoked session (SESSION_REVOKED): a sync renews the tokens or, when it
        // cannot, asks the person to sign in again.
        if (response.status === 401) client.notifyServerChange();
        if (response.ok && response.body) {
          retry = FIRST_RETRY_MS;
          client.notifyServerChange(); // changes made while we were not listening
          await readChanges(response.body, () => client.notifyServerChange());
        }
      } catch {
        // Offline, aborted, or the stream broke: try again below.
      }
      await sleep(retry * (0.5 + Math.random()), stop.signal);
      retry = Math.min(retry * 2, MAX_RETRY_MS);
    }
  })();
  return () => stop.abort();
}
