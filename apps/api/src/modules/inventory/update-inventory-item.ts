import type { InventoryItem, InventoryItemPatch } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { lockRow } from '../../lib/transaction';
import { recordAudit } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { findInventoryItem } from './find-inventory-item';
import { inventoryInclude, inventoryToWire } from './inventory-to-wire';
import { assertMayChangeStock, stockLockFilter } from './stock-permission';

export async function updateInventoryItem(
  tx: Db,
  ctx: WriteContext,
  id: string,
  patch: InventoryItemPatch | { deleted: true },
): Promise<InventoryItem> {
  await lockRow(tx, 'inventory_item', id, stockLockFilter(ctx.user));
  const current = await findInventoryItem(tx, id);
  assertMayChangeStock(ctx.user, current.pharmacyId);
  const row = await tx.inventoryItem.update({
    where: { id },
    data: {
      ...('deleted' in patch
        ? { deleted: true }
        : { quantityAvailable: patch.quantity_available, reorderLevel: patch.reorder_level }),
      ...(ctx.syncedAt ? { lastSyncedAt: ctx.syncedAt } : {}),
    },
    include: inventoryInclude,
  });
  const after = inventoryToWire(row);
  await recordAudit(tx, ctx.actor, {
    action: 'deleted' in patch ? 'delete' : 'update',
    entityType: 'InventoryItem',
    entityId: id,
    before: inventoryToWire(current),
    after,
  });
  return after;
}
