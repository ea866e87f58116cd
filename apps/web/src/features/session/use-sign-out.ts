'use client';

import { useCallback } from 'react';
import { forgetSyncedData } from '@healthsync/sync-client';
import { useLocalStore, useSyncClient } from '../sync/sync-client-provider';
import { deleteLocalStore } from '../sync/local-store-name';
import { revokeRefreshToken } from './auth-api';
import { useSession } from './session-provider';
import { loadTokens } from './session-storage';

/**
 * Signs out. When nothing on the device is missing from the server (`safeToWipe`), the user's
 * local database is deleted; otherwise everything the server has is deleted and only the unsent
 * work stays, encrypted, to go up at the next sign-in.
 */
export function useSignOut() {
  const client = useSyncClient();
  const store = useLocalStore();
  const { user, endSession } = useSession();
  return useCallback(async () => {
    const tokens = user ? await loadTokens(user.id) : null;
    if (tokens) void revokeRefreshToken(tokens.refresh);
    const wipe = client?.status.getSnapshot().safeToWipe ?? false;
    if (!wipe && client && store) {
      await client.stop();
      await forgetSyncedData(store).catch(() => undefined);
    }
    endSession();
    if (wipe && user) await deleteLocalStore(user.id).catch(() => undefined);
  }, [client, store, user, endSession]);
}
