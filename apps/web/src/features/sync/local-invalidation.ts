import type { Query, QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Marks local reads stale after the store changed, and re-runs the ones on screen. A read still
 * running is not restarted (TanStack's default would drop it and start another, while the dropped
 * one goes on reading the store): it finishes, and then runs once more, however many changes came
 * meanwhile. A first sync changes the store after every page; each screen then reads at most twice
 * per read's duration instead of once per page.
 */
export function localInvalidation(queryClient: QueryClient) {
  /** Queries that changed while they were reading: read again when they are done. */
  const again = new Set<Query>();
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    const { query } = event;
    if (event.type === 'removed') again.delete(query);
    else if (again.has(query) && query.state.fetchStatus === 'idle') {
      again.delete(query);
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
  });

  return {
    invalidate(queryKey: QueryKey): void {
      for (const query of queryClient.getQueryCache().findAll({ queryKey }))
        if (query.state.fetchStatus === 'fetching') again.add(query);
      void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
    },
    stop(): void {
      unsubscribe();
      again.clear();
    },
  };
}
