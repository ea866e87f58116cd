'use client';

import { useLocalQuery } from '../sync/local-query';

/** The pharmacy's stock lines, by medicine name, and the medicines it does not stock yet. */
export function usePharmacyStock(pharmacyId: string) {
  return useLocalQuery('inventory', ['pharmacy', pharmacyId], async (client) => {
    const [items, medicines, pharmacy] = await Promise.all([
      client.inventory.byPharmacy(pharmacyId),
      client.medicines.list(),
      client.pharmacies.get(pharmacyId),
    ]);
    const stocked = new Set(items.map((item) => item.medicine_id));
    return {
      pharmacy: pharmacy ?? null,
      items: items.sort((a, b) => a.medicine_name.localeCompare(b.medicine_name)),
      unstocked: medicines
        .filter((m) => !stocked.has(m.id))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}
