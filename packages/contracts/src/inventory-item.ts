import { z } from 'zod';
import { Uuid, WireTimestamp } from './common';

const Quantity = z.int().min(0).max(10_000_000);

/**
 * The quantity below which the pharmacist wants to be told to reorder (the stock screen flags the
 * row; health workers see the medicine as "low"); null or absent: none set. Optional everywhere:
 * clients and rows from before it existed omit it.
 */
const ReorderLevel = Quantity.nullable().optional();

/** Stock of one medicine at one pharmacy. The spec calls its change stamp `last_updated`. */
export const InventoryItem = z.object({
  id: Uuid,
  pharmacy_id: Uuid,
  pharmacy_name: z.string(),
  medicine_id: Uuid,
  medicine_name: z.string(),
  quantity_available: z.int().min(0),
  reorder_level: ReorderLevel,
  server_version: z.int().min(1),
  created_at: WireTimestamp,
  last_updated: WireTimestamp,
  last_synced_at: WireTimestamp.nullable(),
  deleted: z.boolean(),
});
export type InventoryItem = z.infer<typeof InventoryItem>;

/** Stock a pharmacist or admin creates (an InventoryItem upload's create payload). */
export const InventoryItemInput = z.strictObject({
  id: Uuid.optional(),
  pharmacy_id: Uuid,
  medicine_id: Uuid,
  quantity_available: Quantity,
  reorder_level: ReorderLevel,
});
export type InventoryItemInput = z.infer<typeof InventoryItemInput>;

/**
 * What an edit of stock may change (an InventoryItem upload's update payload): the quantity, and
 * the reorder level (omitted: kept; null: cleared).
 */
export const InventoryItemPatch = InventoryItemInput.pick({
  quantity_available: true,
  reorder_level: true,
});

/** Whether a stock row is below the reorder level its pharmacist set (never, if none is set). */
export const isBelowReorderLevel = (
  item: Pick<InventoryItem, 'quantity_available' | 'reorder_level'>,
) => item.reorder_level != null && item.quantity_available < item.reorder_level;
export type InventoryItemPatch = z.infer<typeof InventoryItemPatch>;
