'use client';

import { useLocalQuery } from '../sync/local-query';

/** How many of the pharmacy's stock rows are below their reorder level (from the local store). */
export function useLowStockCount(pharmacyId: string | null) {
  return useLocalQuery('inventory', ['low', pharmacyId], async (client) => {
    if (!pharmacyId) return 0;
    // The navigation loads with the page; the rule's module (the contracts' inventory schemas, and
    // zod) only once the store is open and this runs.
    const { stockStatus } = await import('./stock-status');
    const items = await client.inventory.byPharmacy(pharmacyId);
    return items.filter((item) => stockStatus(item) === 'low').length;
  });
}
