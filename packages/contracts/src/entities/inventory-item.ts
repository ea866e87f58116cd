import { InventoryItem } from '../inventory-item';
import { defineEntity } from './entity-contract';

export const InventoryItemEntity = defineEntity({
  name: 'InventoryItem',
  schema: InventoryItem,
  collection: 'inventory',
  readers: 'everyone',
  uploadable: true,
  sync: {
    path: '/api/pharmacy-inventory/sync/',
    summary: 'Medicine stock changed since last_sync_timestamp (optionally of one pharmacy)',
  },
});
