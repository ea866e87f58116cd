import type { InventoryItemPatch } from '@healthsync/contracts';
import { stockRefusal } from '../../inventory/stock-permission';
import { handlerFor } from './change-handlers';
import { deleteRowsInBulk, editRowsInBulk, type EditWriterSpec } from './edit-rows-in-bulk';

const UPDATE_STOCK_SQL = `
  UPDATE inventory_item t SET
    quantity_available = (c.patch->>'quantity_available')::int,
    reorder_level = CASE WHEN c.patch ? 'reorder_level'
      THEN (c.patch->>'reorder_level')::int ELSE t.reorder_level END,
    last_synced_at = COALESCE($2::timestamptz, t.last_synced_at)
  FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, patch jsonb, before jsonb)
  WHERE t.id = c.id
  RETURNING t.*, c.before AS audit_before`;

/** Another pharmacy's stock row is refused once it is seen (a 403), as `updateInventoryItem` does. */
const notYourStock: EditWriterSpec<unknown>['refusal'] = (_change, _patch, current, user) =>
  stockRefusal(user, current.row.pharmacy_id as string);

/** Stock edits (the quantity); the patch is the one the entity's upload rule validates. */
export const updateInventoryItemsInBulk = editRowsInBulk<InventoryItemPatch>({
  entity: 'InventoryItem',
  patchOf: (change) =>
    handlerFor(change.resource_type).validateUpdate(change.payload) as InventoryItemPatch,
  refusal: notYourStock,
  rowOf: (patch) => ({ patch }),
  sql: UPDATE_STOCK_SQL,
});

export const deleteInventoryItemsInBulk = deleteRowsInBulk(
  'InventoryItem',
  'inventory_item',
  notYourStock,
);
