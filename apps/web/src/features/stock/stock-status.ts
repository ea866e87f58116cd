import { isBelowReorderLevel, type InventoryItem } from '@healthsync/contracts';

export type StockStatus = 'out' | 'low' | 'in';

/** None left; below the reorder level its pharmacist set; or in stock. */
export function stockStatus(
  item: Pick<InventoryItem, 'quantity_available' | 'reorder_level'>,
): StockStatus {
  if (item.quantity_available === 0) return 'out';
  return isBelowReorderLevel(item) ? 'low' : 'in';
}
