import type { SyncClient } from '@healthsync/sync-client';
import { OUTBOX_SYNC_TAG, hasWorkToSend } from './background-sync-protocol';

type WithSync = ServiceWorkerRegistration & {
  sync?: { register(tag: string): Promise<void> };
};

/** Registers the outbox's one-off Background Sync, where the browser has the API (Chromium). */
export async function requestBackgroundSync(): Promise<void> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  try {
    const registration = (await navigator.serviceWorker.getRegistration()) as WithSync | undefined;
    if (!registration?.active || !registration.sync) return;
    await registration.sync.register(OUTBOX_SYNC_TAG);
  } catch {
    // Permission refused or no worker yet: this tab's own sync loop goes on as before.
  }
}

/**
 * Registers the Background Sync each time the outbox holds work that a sync could not send
 * (offline, server unreachable): the browser then fires it when the connection returns, even with
 * the app closed. Never while `answeringWorker()`: registering during the worker's sync event
 * makes Chromium fire it again at once when it fails — a tight loop while the server is down;
 * the failed event already keeps the registration for a later retry.
 */
export function requestBackgroundSyncWhenStuck(
  client: SyncClient,
  answeringWorker: () => boolean,
): () => void {
  let registeredFor = '';
  return client.status.subscribe(() => {
    const status = client.status.getSnapshot();
    const stuck =
      hasWorkToSend(status) &&
      !status.needsSignIn &&
      status.phase === 'idle' &&
      (!status.online || status.lastError !== null);
    if (!stuck || answeringWorker()) return;
    // Once per new failure or new edit. Not on `online`: the browser fires the sync then too,
    // and registering during that event would fire it twice.
    const key = `${status.pendingCount}:${status.lastError?.at ?? ''}`;
    if (key === registeredFor) return;
    registeredFor = key;
    void requestBackgroundSync();
  });
}
