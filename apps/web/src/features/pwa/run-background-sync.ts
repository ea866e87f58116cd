/// <reference lib="webworker" />
import { SYNC_REQUEST } from '../sync/background-sync-protocol';
import type { SyncReply } from '../sync/background-sync-protocol';

declare const self: ServiceWorkerGlobalScope;

/** A tab that does not accept within this time is frozen, closing or locked out: give up. */
const ACCEPT_TIMEOUT_MS = 3_000;
const TAB_CHECK_MS = 5_000;

/**
 * The outbox's Background Sync event (service worker only). The local data is encrypted under a
 * key that exists only in the memory of a tab where the user signed in or unlocked: the worker
 * cannot read the outbox itself. So an open, unlocked tab syncs with its own client (under the
 * user's Web Locks); with no such tab the event fails and the browser retries it later, and the
 * outbox goes up when the user next opens the app and signs in (docs/ARCHITECTURE.md).
 */
export async function runBackgroundSync(): Promise<void> {
  const tabResult = await askTabToSync();
  if (tabResult === null) throw new Error('Background sync: no unlocked tab holds the data key');
  if (!tabResult) throw new Error('Background sync: the app could not sync');
}

/** The outcome from an open tab of the app, or null when no tab answered to the end. */
async function askTabToSync(): Promise<boolean | null> {
  const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab =
    tabs.find((t) => t.focused) ?? tabs.find((t) => t.visibilityState === 'visible') ?? tabs[0];
  if (!tab) return null;
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    let tabCheck: ReturnType<typeof setInterval> | undefined;
    const finish = (result: boolean | null) => {
      clearTimeout(noAnswer);
      clearInterval(tabCheck);
      port1.close();
      resolve(result);
    };
    const noAnswer = setTimeout(() => finish(null), ACCEPT_TIMEOUT_MS);
    port1.onmessage = (event: MessageEvent<SyncReply>) => {
      if (event.data.type === 'done') return finish(event.data.ok);
      clearTimeout(noAnswer);
      // Closed mid-sync, the tab never answers: give up; the browser retries the event later.
      tabCheck = setInterval(() => {
        void self.clients.get(tab.id).then((open) => {
          if (!open) finish(null);
        });
      }, TAB_CHECK_MS);
    };
    tab.postMessage({ type: SYNC_REQUEST }, [port2]);
  });
}
