/// <reference lib="webworker" />
import { loadSession } from '../session/session-storage';
import { SYNC_REQUEST, hasWorkToSend, syncSucceeded } from '../sync/background-sync-protocol';
import type { SyncReply } from '../sync/background-sync-protocol';
import { openUserSyncClient } from '../sync/open-user-sync-client';

declare const self: ServiceWorkerGlobalScope;

/** A tab that does not accept within this time is frozen or closing: the worker syncs itself. */
const ACCEPT_TIMEOUT_MS = 3_000;
const TAB_CHECK_MS = 5_000;

/**
 * The outbox's Background Sync event (service worker only). A tab with the app open syncs with
 * its own client; with none open, or none answering, the worker pushes the outbox itself. Either
 * way the sync runs under the user's Web Locks, so it never overlaps another. Rejects when the
 * sync did not go through (offline again, server down, sign-in needed): the browser retries later.
 */
export async function runBackgroundSync(): Promise<void> {
  const tabResult = await askTabToSync();
  if (tabResult === null) return syncInWorker();
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
      // Closed mid-sync, the tab never answers: the worker takes over (the lock keeps it safe).
      tabCheck = setInterval(() => {
        void self.clients.get(tab.id).then((open) => {
          if (!open) finish(null);
        });
      }, TAB_CHECK_MS);
    };
    tab.postMessage({ type: SYNC_REQUEST }, [port2]);
  });
}

/** Pushes the signed-in user's outbox from the worker (then pulls, as every sync does). */
async function syncInWorker(): Promise<void> {
  const session = await loadSession();
  if (!session?.tokens) throw new Error('Background sync: no live session on this device');
  const client = await openUserSyncClient(session.user);
  try {
    if (!hasWorkToSend(client.status.getSnapshot())) return;
    const startedAt = Date.now();
    const status = await client.syncNow();
    if (!syncSucceeded(status, startedAt)) {
      throw new Error(`Background sync failed: ${status.lastError?.message ?? 'sign-in needed'}`);
    }
  } finally {
    await client.close();
  }
}
