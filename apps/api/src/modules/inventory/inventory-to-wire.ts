import type { InventoryItem } from '@healthsync/contracts';
import { formatDate, formatMicros } from '@healthsync/contracts';
import type { InventoryItemRow } from '../../db/prisma';

export type InventoryRowWithNames = InventoryItemRow & {
  pharmacy: { name: string };
  medicine: { name: string };
};

export const inventoryInclude = {
  pharmacy: { select: { name: true } },
  medicine: { select: { name: true } },
} as const;

/** The spec names the change stamp of a stock row `last_updated`. */
export function inventoryToWire(row: InventoryRowWithNames): InventoryItem {
  return {
    id: row.id,
    pharmacy_id: row.pharmacyId,
    pharmacy_name: row.pharmacy.name,
    medicine_id: row.medicineId,
    medicine_name: row.medicine.name,
    quantity_available: row.quantityAvailable,
    reorder_level: row.reorderLevel,
    server_version: row.serverVersion,
    created_at: formatDate(row.createdAt),
    last_updated: formatMicros(row.stamp),
    last_synced_at: row.lastSyncedAt ? formatDate(row.lastSyncedAt) : null,
    deleted: row.deleted,
  };
}
