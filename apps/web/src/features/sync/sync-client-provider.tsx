'use client';

import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createSyncClient, openIdbStore } from '@healthsync/sync-client';
import type { SyncClient, TokenStore } from '@healthsync/sync-client';
import { useSession } from '../session/session-provider';
import { loadTokens, saveTokens } from '../session/session-storage';
import { localStoreName } from './local-store-name';
import { listenForServerChanges } from './server-change-events';
import { LOCAL_QUERY_ROOT } from './local-query-keys';

const SyncClientContext = createContext<SyncClient | null>(null);
const OpenErrorContext = createContext<Error | null>(null);

/** The sync client keeps its tokens in the stored session (refreshes rotate them there). */
const sessionTokenStore: TokenStore = {
  get: () => loadTokens(),
  set: (tokens) => saveTokens(tokens),
  clear: () => saveTokens(null),
};

/**
 * One sync client per signed-in user, on that user's own IndexedDB database, started as soon as
 * it opens. Every local change invalidates the local queries of its table, so screens re-read.
 */
export function SyncClientProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [client, setClient] = useState<SyncClient | null>(null);
  const [openError, setOpenError] = useState<Error | null>(null);
  const userId = user?.id ?? null;
  const facilityId = user?.facility_id ?? null;

  useEffect(() => {
    if (!userId) return;
    let cancelled = false;
    let opened: SyncClient | null = null;
    let stopListening = () => {};
    setOpenError(null);
    void (async () => {
      const store = await openIdbStore({ name: localStoreName(userId) });
      const next = await createSyncClient({
        store,
        baseUrl: '',
        tokens: sessionTokenStore,
        identity: () => ({ userId, facilityId }),
        gzipUploads: false,
      });
      if (cancelled) {
        await next.close();
        return;
      }
      opened = next;
      stopListening = next.onDataChange((table) => {
        void queryClient.invalidateQueries({
          queryKey: table ? [LOCAL_QUERY_ROOT, table] : [LOCAL_QUERY_ROOT],
        });
        if (table)
          void queryClient.invalidateQueries({ queryKey: [LOCAL_QUERY_ROOT, 'conflicts'] });
      });
      next.start();
      const stopEvents = listenForServerChanges(next, () => loadTokens()?.access ?? null);
      const stopData = stopListening;
      stopListening = () => {
        stopData();
        stopEvents();
      };
      setClient(next);
    })().catch((error: unknown) => {
      // IndexedDB unavailable (private mode, storage full) or written by a newer app version.
      if (!cancelled) setOpenError(error instanceof Error ? error : new Error(String(error)));
    });
    return () => {
      cancelled = true;
      stopListening();
      setClient(null);
      void opened?.close();
      queryClient.removeQueries({ queryKey: [LOCAL_QUERY_ROOT] });
    };
  }, [userId, facilityId, queryClient]);

  return (
    <OpenErrorContext.Provider value={openError}>
      <SyncClientContext.Provider value={client}>{children}</SyncClientContext.Provider>
    </OpenErrorContext.Provider>
  );
}

/** The signed-in user's sync client, or null while it opens (or nobody is signed in). */
export function useSyncClient(): SyncClient | null {
  return useContext(SyncClientContext);
}

/** Why the local store could not be opened, if it could not. */
export function useLocalStoreError(): Error | null {
  return useContext(OpenErrorContext);
}
