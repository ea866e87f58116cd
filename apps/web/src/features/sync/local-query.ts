'use client';

import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import type { SyncClient } from '@healthsync/sync-client';
import { LOCAL_QUERY_ROOT } from './local-query-keys';
import type { LocalTopic } from './local-query-keys';
import { useSyncClient } from './sync-client-provider';

/**
 * Reads from the device's store through TanStack Query. Keys start with ['local', topic], which
 * the sync client's onDataChange invalidates (local-invalidation.ts); `networkMode: 'always'` because local reads never
 * wait for a connection.
 */
export function useLocalQuery<T>(
  topic: LocalTopic,
  key: readonly unknown[],
  read: (client: SyncClient) => Promise<T>,
  options: { keepPrevious?: boolean } = {},
) {
  const client = useSyncClient();
  return useQuery({
    queryKey: [LOCAL_QUERY_ROOT, topic, client?.deviceId ?? null, ...key],
    queryFn: client ? () => read(client) : skipToken,
    networkMode: 'always',
    staleTime: Infinity,
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}
