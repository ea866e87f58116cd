'use client';

import { useLocalQuery } from '../sync/local-query';
import { stockStatus } from './stock-status';

/** How many of the pharmacy's stock rows are below their reorder level (from the local store). */
export function useLowStockCount(pharmacyId: string | null) {
  return useLocalQuery('inventory', ['low', pharmacyId], async (client) =>
    pharmacyId
      ? (await client.inventory.byPharmacy(pharmacyId)).filter(
          (item) => stockStatus(item) === 'low',
        ).length
      : 0,
  );
}
