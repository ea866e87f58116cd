'use client';

import type { InventoryItem, Medicine, Pharmacy } from '@healthsync/contracts';
import type { LocalRecord, SyncClient } from '@healthsync/sync-client';
import { useLocalQuery } from '../sync/local-query';

export interface PharmacyStock {
  item: LocalRecord<InventoryItem>;
  pharmacy: LocalRecord<Pharmacy> | null;
}

export interface MedicineAvailability {
  medicine: LocalRecord<Medicine>;
  /** In stock first, then by quantity. */
  stock: PharmacyStock[];
}

async function availability(client: SyncClient, text: string): Promise<MedicineAvailability[]> {
  const medicines = (await client.medicines.search(text)).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return Promise.all(
    medicines.slice(0, 50).map(async (medicine) => {
      const items = await client.inventory.byMedicine(medicine.id);
      const stock = await Promise.all(
        items.map(async (item) => ({
          item,
          pharmacy: (await client.pharmacies.get(item.pharmacy_id)) ?? null,
        })),
      );
      stock.sort((a, b) => b.item.quantity_available - a.item.quantity_available);
      return { medicine, stock };
    }),
  );
}

/** Medicines matching `text`, each with the pharmacies that stock it (from the local store). */
export function useMedicineAvailability(text: string) {
  return useLocalQuery(
    'inventory',
    ['availability', text],
    (client) => availability(client, text),
    { keepPrevious: true },
  );
}
