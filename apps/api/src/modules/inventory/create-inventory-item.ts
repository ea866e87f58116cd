import type { InventoryItem, InventoryItemInput } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { newRowId } from '../../lib/new-row-id';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { inventoryInclude, inventoryToWire } from './inventory-to-wire';
import { newStockRefusal } from './new-stock-refusal';
import { assertMayChangeStock } from './stock-permission';

export async function createInventoryItem(
  tx: Db,
  ctx: WriteContext,
  input: InventoryItemInput,
): Promise<InventoryItem> {
  assertMayChangeStock(ctx.user, input.pharmacy_id);
  const [pharmacy, medicine, existing] = await Promise.all([
    tx.pharmacy.findUnique({ where: { id: input.pharmacy_id }, select: { deleted: true } }),
    tx.medicine.findUnique({ where: { id: input.medicine_id }, select: { deleted: true } }),
    tx.inventoryItem.findUnique({
      where: {
        pharmacyId_medicineId: { pharmacyId: input.pharmacy_id, medicineId: input.medicine_id },
      },
      select: { id: true },
    }),
  ]);
  const refusal = newStockRefusal(ctx.user, input, {
    pharmacy,
    medicine,
    existingId: existing?.id,
  });
  if (refusal) throw refusal;
  const id = await newRowId(tx, 'inventory_item', input.id);
  const row = await tx.inventoryItem.create({
    data: {
      id,
      pharmacyId: input.pharmacy_id,
      medicineId: input.medicine_id,
      quantityAvailable: input.quantity_available,
      reorderLevel: input.reorder_level ?? null,
      lastSyncedAt: ctx.syncedAt ?? null,
    },
    include: inventoryInclude,
  });
  return auditedRow(tx, ctx.actor, 'create', 'InventoryItem', inventoryToWire(row));
}
