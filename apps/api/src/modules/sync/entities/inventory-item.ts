import { entityContractNamed } from '@healthsync/contracts';
import {
  createInventoryItem,
  InventoryCreateInput,
  InventoryPatch,
  updateInventoryItem,
} from '../../inventory/inventory-services';
import { parsePayload, withoutServerFields } from '../upload/parse-payload';
import { dateText, nullableDateText, stampText } from '../wire-sql';
import type { EntityWrites, ServerEntity } from './server-entity';

const writes: EntityWrites = {
  create: (tx, ctx, payload) =>
    createInventoryItem(tx, ctx, parsePayload(InventoryCreateInput, withoutServerFields(payload))),
  validateUpdate: (payload) => {
    const {
      pharmacy_id: _p,
      pharmacy_name: _pn,
      medicine_id: _m,
      medicine_name: _mn,
      id: _id,
      ...rest
    } = withoutServerFields(payload);
    return parsePayload(InventoryPatch, rest);
  },
  update: (tx, ctx, id, validated) =>
    updateInventoryItem(tx, ctx, id, validated as typeof InventoryPatch._output),
  remove: (tx, ctx, id) => updateInventoryItem(tx, ctx, id, { deleted: true }),
};

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
