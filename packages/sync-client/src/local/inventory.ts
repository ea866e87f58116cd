import { InventoryItemInput, InventoryItemPatch, formatDate } from '@healthsync/contracts';
import type { InventoryItem, Medicine, Pharmacy } from '@healthsync/contracts';
import type { z } from 'zod';
import { newId } from '../ids';
import type { LocalRow } from './local-row';
import { visibleView } from './local-row';
import { parseOrThrow } from './errors';
import { newRowColumns, queryIndex, readCollection, writeEdit } from './collection';
import type { CollectionContext, ReadCollection } from './collection';
import type { LocalRecord } from './local-row';

/** The upload's InventoryItem create payload (the id is the device's own) and update payload. */
export const InventoryCreateSchema = InventoryItemInput.omit({ id: true });
export const InventoryChangesSchema = InventoryItemPatch;

export type InventoryCreate = z.input<typeof InventoryCreateSchema>;
export type InventoryChanges = z.input<typeof InventoryChangesSchema>;

export interface InventoryCollection extends ReadCollection<InventoryItem> {
  create(fields: InventoryCreate): Promise<LocalRecord<InventoryItem>>;
  update(id: string, changes: InventoryChanges): Promise<LocalRecord<InventoryItem>>;
  remove(id: string): Promise<void>;
  byMedicine(medicineId: string): Promise<LocalRecord<InventoryItem>[]>;
  byPharmacy(pharmacyId: string): Promise<LocalRecord<InventoryItem>[]>;
}

export function inventoryCollection(ctx: CollectionContext): InventoryCollection {
  return {
    ...readCollection(ctx, 'inventory'),
    async create(fields) {
      const id = newId();
      const input = parseOrThrow(InventoryCreateSchema, fields);
      const row = await writeEdit(ctx, 'inventory', id, 'create', async (tx) => {
        const pharmacy = (await tx.get('pharmacies', input.pharmacy_id)) as
          LocalRow<Pharmacy> | undefined;
        const medicine = (await tx.get('medicines', input.medicine_id)) as
          LocalRow<Medicine> | undefined;
        const columns = newRowColumns(id, ctx.now(), formatDate);
        const snapshot: InventoryItem = {
          id,
          pharmacy_id: input.pharmacy_id,
          pharmacy_name: (pharmacy && visibleView(pharmacy)?.name) ?? '',
          medicine_id: input.medicine_id,
          medicine_name: (medicine && visibleView(medicine)?.name) ?? '',
          quantity_available: input.quantity_available,
          reorder_level: input.reorder_level ?? null,
          server_version: 0,
          created_at: columns.created_at,
          last_updated: columns.updated_at,
          last_synced_at: null,
          deleted: false,
        };
        return { resourceType: 'InventoryItem', payload: { id, ...input }, snapshot };
      });
      return row as LocalRecord<InventoryItem>;
    },
    async update(id, changes) {
      const payload = parseOrThrow(InventoryChangesSchema, changes);
      const row = await writeEdit(ctx, 'inventory', id, 'update', () => ({
        resourceType: 'InventoryItem',
        payload,
      }));
      return row as LocalRecord<InventoryItem>;
    },
    async remove(id) {
      await writeEdit(ctx, 'inventory', id, 'delete', () => ({
        resourceType: 'InventoryItem',
        payload: {},
      }));
    },
    byMedicine: (medicineId) => queryIndex(ctx, 'inventory', 'medicine', { equals: medicineId }),
    byPharmacy: (pharmacyId) => queryIndex(ctx, 'inventory', 'pharmacy', { equals: pharmacyId }),
  };
}
