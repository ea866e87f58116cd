'use client';

import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SealedStore, SyncClient, SyncStore } from '@healthsync/sync-client';
import { useSession } from '../session/session-provider';
import { localInvalidation } from './local-invalidation';
import { LOCAL_QUERY_ROOT } from './local-query-keys';
import { whenIdleAfterLoad } from './when-idle-after-load';
import type { IdleHost } from './when-idle-after-load';

const SyncClientContext = createContext<SyncClient | null>(null);
const StoreContext = createContext<SyncStore | null>(null);
const OpenErrorContext = createContext<Error | null>(null);

/**
 * One sync client per signed-in user whose keys are in memory, on that user's own sealed IndexedDB
 * database, started as soon as it opens (and kept syncing while the idle lock is on). Every local
 * change invalidates the local queries of its table, so screens re-read. The sync engine itself
 * (user-sync.ts) is loaded only once the data key is in memory.
 * Where the browser has Background Sync, work a sync could not send is handed to the service
 * worker's `sync` event, which this tab answers while it is open.
 */
export function SyncClientProvider({ children }: { children: ReactNode }) {
  const { user, keys, locked, accountDisabled } = useSession();
  const queryClient = useQueryClient();
  const [client, setClient] = useState<SyncClient | null>(null);
  const [store, setStore] = useState<SealedStore | null>(null);
  // Read when the refresh is refused, not when the client opens (it must not reopen for this).
  const onDisabled = useRef(accountDisabled);
  onDisabled.current = accountDisabled;
  // The previous client (another user, facility or key) closes before the next one opens: a sync
  // it was still finishing must not write after the next one reset the store for a new scope.
  const previousClosed = useRef<Promise<void>>(Promise.resolve());
  const [openError, setOpenError] = useState<Error | null>(null);
  const userId = user?.id ?? null;
  const facilityId = user?.facility_id ?? null;

  useEffect(() => {
    if (!userId || !facilityId || !keys) return;
    let cancelled = false;
    let opened: SyncClient | null = null;
    let stopListening = () => {};
    setOpenError(null);
    const previous = previousClosed.current;
    const lifecycle = (async () => {
      await previous;
      const { openUserSync } = await import('./user-sync');
      const sync = await openUserSync({ id: userId, facility_id: facilityId }, keys, (pending) =>
        onDisabled.current(pending),
      );
      if (cancelled) {
        await sync.client.close();
        return;
      }
      opened = sync.client;
      const invalidation = localInvalidation(queryClient);
      const stopSync = sync.start((table) => {
        invalidation.invalidate(table ? [LOCAL_QUERY_ROOT, table] : [LOCAL_QUERY_ROOT]);
        if (table) invalidation.invalidate([LOCAL_QUERY_ROOT, 'conflicts']);
      });
      stopListening = () => {
        stopSync();
        invalidation.stop();
      };
      setStore(sync.store);
      setClient(sync.client);
    })().catch((error: unknown) => {
      // IndexedDB unavailable (private mode, storage full) or written by a newer app version.
      if (!cancelled) setOpenError(error instanceof Error ? error : new Error(String(error)));
    });
    return () => {
      cancelled = true;
      stopListening();
      setClient(null);
      setStore(null);
      previousClosed.current = lifecycle
        .catch(() => undefined)
        .then(() => opened?.close())
        .catch(() => undefined);
      queryClient.removeQueries({ queryKey: [LOCAL_QUERY_ROOT] });
    };
  }, [userId, facilityId, keys, queryClient]);

  // The patients held decrypted in memory for search: dropped at the idle lock, decrypted again
  // in the background once the page is idle after opening or unlocking (a search would wait).
  useEffect(() => {
    if (!store) return;
    if (locked) {
      store.forgetDecrypted();
      return;
    }
    let active = true;
    void whenIdleAfterLoad(window as unknown as IdleHost)
      .then(() => (active ? store.warm() : undefined))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [store, locked]);

  return (
    <OpenErrorContext.Provider value={openError}>
      <StoreContext.Provider value={store}>
        <SyncClientContext.Provider value={client}>{children}</SyncClientContext.Provider>
      </StoreContext.Provider>
    </OpenErrorContext.Provider>
  );
}

/** The signed-in user's sync client, or null while it opens (or nobody is signed in). */
export function useSyncClient(): SyncClient | null {
  return useContext(SyncClientContext);
}

/** The sealed store under the sync client (sign-out forgets synced data in it). */
export function useLocalStore(): SyncStore | null {
  return useContext(StoreContext);
}

/** Why the local store could not be opened, if it could not. */
export function useLocalStoreError(): Error | null {
  return useContext(OpenErrorContext);
}
