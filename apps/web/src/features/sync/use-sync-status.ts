'use client';

import { useSyncExternalStore } from 'react';
import type { SyncClientStatus } from '@healthsync/sync-client';
import { useSyncClient } from './sync-client-provider';

const noop = () => () => {};
const none = () => null;

/** The sync client's status (re-renders on change), or null while no client is open. */
export function useSyncStatus(): SyncClientStatus | null {
  const client = useSyncClient();
  return useSyncExternalStore(
    client ? client.status.subscribe : noop,
    client ? client.status.getSnapshot : none,
    none,
  );
}
