import { entityContractNamed, InventoryItemInput, InventoryItemPatch } from '@healthsync/contracts';
import { createInventoryItem } from '../../inventory/create-inventory-item';
import { updateInventoryItem } from '../../inventory/update-inventory-item';
import { dateText, nullableDateText, stampText } from '../wire-sql';
import { payloadWrites } from './payload-writes';
import type { ServerEntity } from './server-entity';

const writes = payloadWrites({
  input: InventoryItemInput,
  patch: InventoryItemPatch,
  // The row's place in the stock table: an edit changes its quantity, never whose stock it is.
  fixed: ['pharmacy_id', 'pharmacy_name', 'medicine_id', 'medicine_name', 'id'],
  create: createInventoryItem,
  update: updateInventoryItem,
  remove: (tx, ctx, id) => updateInventoryItem(tx, ctx, id, { deleted: true }),
});

/** Stock of one medicine at one pharmacy; the spec calls its change stamp `last_updated`. */
export const inventoryItemEntity: ServerEntity = {
  contract: entityContractNamed('InventoryItem'),
  table: 'inventory_item',
  scope: 'global',
  wireColumns: [
    't.id',
    't.pharmacy_id',
    '(SELECT name FROM pharmacy WHERE id = t.pharmacy_id) AS pharmacy_name',
    't.medicine_id',
    '(SELECT name FROM medicine WHERE id = t.medicine_id) AS medicine_name',
    't.quantity_available',
    't.reorder_level',
    't.server_version',
    `${dateText('t.created_at')} AS created_at`,
    `${stampText('t.stamp')} AS last_updated`,
    `${nullableDateText('t.last_synced_at')} AS last_synced_at`,
    't.deleted',
  ],
  resourceTypeOf: () => 'InventoryItem',
  pullFilters: { pharmacy_id: 'pharmacy_id' },
  writes: () => writes,
};
