import { forgetSyncedData } from '@healthsync/sync-client';
import type { DataKeys, EntityTable, SealedStore, SyncClient } from '@healthsync/sync-client';
import { forgetOfflineSignIn } from '../session/offline-verifier';
import { loadTokens } from '../session/session-storage';
import { answerWorkerSync } from './answer-worker-sync';
import { openUserSyncClient } from './open-user-sync-client';
import { requestBackgroundSyncWhenStuck } from './request-background-sync';
import { listenForServerChanges } from './server-change-events';

export interface UserSync {
  client: SyncClient;
  store: SealedStore;
  /**
   * Starts syncing: local changes reported to `onDataChange`, server changes through the change
   * stream, Background Sync answered while this tab is open. Returns what stops listening (the
   * caller closes the client).
   */
  start(onDataChange: (table: EntityTable | null) => void): () => void;
}

/**
 * The signed-in user's sync client on their sealed store. Loaded by sync-client-provider.tsx only
 * once the data key is in memory, so the sync engine is not part of the unlock screen's first load.
 * `onAccountDisabled` runs after the server refused the refresh as deactivated and synced data has
 * been deleted; `pending` changes remain on the device.
 */
export async function openUserSync(
  user: { id: string; facility_id: string },
  keys: DataKeys,
  onAccountDisabled: (pending: number) => void,
): Promise<UserSync> {
  const { client, store } = await openUserSyncClient(user, keys, {
    // Called inside the refresh: act after the sync cycle that asked has ended.
    onAccountDisabled: () =>
      setTimeout(() => {
        void (async () => {
          await client.stop();
          const pending = await forgetSyncedData(store);
          forgetOfflineSignIn(user.id);
          onAccountDisabled(pending);
        })();
      }, 0),
  });
  return {
    client,
    store,
    start(onDataChange) {
      const stopData = client.onDataChange(onDataChange);
      client.start();
      const stopEvents = listenForServerChanges(
        client,
        async () => (await loadTokens(user.id))?.access ?? null,
      );
      const worker = answerWorkerSync(client);
      const stopRequests = requestBackgroundSyncWhenStuck(client, worker.answering);
      return () => {
        stopData();
        stopEvents();
        worker.stop();
        stopRequests();
      };
    },
  };
}
