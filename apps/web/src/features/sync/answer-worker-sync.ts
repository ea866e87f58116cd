import type { SyncClient } from '@healthsync/sync-client';
import { SYNC_REQUEST, syncSucceeded } from './background-sync-protocol';
import type { SyncReply } from './background-sync-protocol';

/**
 * Answers the service worker's Background Sync event while this tab has the sync client open:
 * the tab syncs (its status bar and lists follow) and replies with the outcome. A tab waiting
 * for a sign-in declines at once: the event fails and the browser retries it later.
 */
export function answerWorkerSync(client: SyncClient): {
  stop(): void;
  answering(): boolean;
} {
  let answering = 0;
  const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  const onMessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    const port = event.ports[0];
    if (!port || (data as { type?: unknown } | null)?.type !== SYNC_REQUEST) return;
    const reply = (message: SyncReply) => port.postMessage(message);
    reply({ type: 'accepted' });
    answering += 1;
    void (async () => {
      let ok = false;
      try {
        if (!client.status.getSnapshot().needsSignIn) {
          const startedAt = Date.now();
          ok = syncSucceeded(await client.syncNow(), startedAt);
        }
      } finally {
        answering -= 1;
        reply({ type: 'done', ok });
        port.close();
      }
    })();
  };
  container?.addEventListener('message', onMessage);
  return {
    stop: () => container?.removeEventListener('message', onMessage),
    answering: () => answering > 0,
  };
}
