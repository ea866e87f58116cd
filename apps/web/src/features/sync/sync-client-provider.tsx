'use client';

import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SyncClient } from '@healthsync/sync-client';
import { useSession } from '../session/session-provider';
import { loadTokens } from '../session/session-storage';
import { answerWorkerSync } from './answer-worker-sync';
import { LOCAL_QUERY_ROOT } from './local-query-keys';
import { openUserSyncClient } from './open-user-sync-client';
import { requestBackgroundSyncWhenStuck } from './request-background-sync';
import { listenForServerChanges } from './server-change-events';

const SyncClientContext = createContext<SyncClient | null>(null);
const OpenErrorContext = createContext<Error | null>(null);

/**
 * One sync client per signed-in user, on that user's own IndexedDB database, started as soon as
 * it opens. Every local change invalidates the local queries of its table, so screens re-read.
 * Where the browser has Background Sync, work a sync could not send is handed to the service
 * worker's `sync` event, which this tab answers while it is open.
 */
export function SyncClientProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [client, setClient] = useState<SyncClient | null>(null);
  const [openError, setOpenError] = useState<Error | null>(null);
  const userId = user?.id ?? null;
  const facilityId = user?.facility_id ?? null;

  useEffect(() => {
    if (!userId || !facilityId) return;
    let cancelled = false;
    let opened: SyncClient | null = null;
    let stopListening = () => {};
    setOpenError(null);
    void (async () => {
      const next = await openUserSyncClient({ id: userId, facility_id: facilityId });
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
      const stopEvents = listenForServerChanges(
        next,
        async () => (await loadTokens(userId))?.access ?? null,
      );
      const worker = answerWorkerSync(next);
      const stopRequests = requestBackgroundSyncWhenStuck(next, worker.answering);
      const stopData = stopListening;
      stopListening = () => {
        stopData();
        stopEvents();
        worker.stop();
        stopRequests();
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
