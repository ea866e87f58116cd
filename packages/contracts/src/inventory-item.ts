import { z } from 'zod';
import { Uuid, WireTimestamp } from './common';

/** Stock of one medicine at one pharmacy. The spec calls its change stamp `last_updated`. */
export const InventoryItem = z.object({
  id: Uuid,
  pharmacy_id: Uuid,
  pharmacy_name: z.string(),
  medicine_id: Uuid,
  medicine_name: z.string(),
  quantity_available: z.int().min(0),
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
  quantity_available: z.int().min(0).max(10_000_000),
});
export type InventoryItemInput = z.infer<typeof InventoryItemInput>;

/** What an edit of stock may change (an InventoryItem upload's update payload). */
export const InventoryItemPatch = InventoryItemInput.pick({ quantity_available: true });
export type InventoryItemPatch = z.infer<typeof InventoryItemPatch>;
