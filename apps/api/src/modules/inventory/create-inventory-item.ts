import type { InventoryItem, InventoryItemInput } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { newRowId } from '../../lib/new-row-id';
import { HealthSyncError, invalidField } from '../../lib/errors';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { inventoryInclude, inventoryToWire } from './inventory-to-wire';
import { assertMayChangeStock } from './stock-permission';

export async function createInventoryItem(
  tx: Db,
  ctx: WriteContext,
  input: InventoryItemInput,
): Promise<InventoryItem> {
  assertMayChangeStock(ctx.user, input.pharmacy_id);
  const [pharmacy, medicine] = await Promise.all([
    tx.pharmacy.findUnique({ where: { id: input.pharmacy_id }, select: { deleted: true } }),
    tx.medicine.findUnique({ where: { id: input.medicine_id }, select: { deleted: true } }),
  ]);
  if (!pharmacy || pharmacy.deleted) throw invalidField('pharmacy_id', 'Unknown pharmacy.');
  if (!medicine || medicine.deleted) throw invalidField('medicine_id', 'Unknown medicine.');
  const existing = await tx.inventoryItem.findUnique({
    where: {
      pharmacyId_medicineId: { pharmacyId: input.pharmacy_id, medicineId: input.medicine_id },
    },
    select: { id: true },
  });
  if (existing) {
    throw new HealthSyncError(
      'CONFLICT',
      'This pharmacy already has a stock row for this medicine; update it instead.',
      {
        id: existing.id,
      },
    );
  }
  const id = await newRowId(tx, 'inventory_item', input.id);
  const row = await tx.inventoryItem.create({
    data: {
      id,
      pharmacyId: input.pharmacy_id,
      medicineId: input.medicine_id,
      quantityAvailable: input.quantity_available,
      lastSyncedAt: ctx.syncedAt ?? null,
    },
    include: inventoryInclude,
  });
  return auditedRow(tx, ctx.actor, 'create', 'InventoryItem', inventoryToWire(row));
}
