import type { InventoryItem, InventoryItemInput, InventoryItemPatch } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { newRowId } from '../../lib/new-row-id';
import { forbidden, HealthSyncError, invalidField, notFound } from '../../lib/errors';
import { lockRow, type LockFilter } from '../../lib/transaction';
import { recordAudit } from '../../core/record-audit';
import type { AuthUser } from '../../core/auth-user';
import type { WriteContext } from '../../core/write-context';
import { inventoryInclude, inventoryToWire } from './inventory-to-wire';

/** Admins change any stock; pharmacists only their own pharmacy's; nobody else. */
function assertMayChangeStock(user: AuthUser, pharmacyId: string): void {
  if (user.role === 'admin') return;
  if (user.role === 'pharmacist' && user.pharmacyId === pharmacyId) return;
  throw forbidden("Only the pharmacy's own pharmacist can change its stock.");
}

/** The stock rows a caller may lock: those it may change (see assertMayChangeStock). */
const stockLockFilter = (user: AuthUser): LockFilter | undefined =>
  user.role === 'admin'
    ? undefined
    : { column: 'pharmacy_id', equals: user.role === 'pharmacist' ? user.pharmacyId : null };

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
  const after = inventoryToWire(row);
  await recordAudit(tx, ctx.actor, {
    action: 'create',
    entityType: 'InventoryItem',
    entityId: id,
    after,
  });
  return after;
}

export async function findInventoryItem(db: Db, id: string) {
  const row = await db.inventoryItem.findUnique({ where: { id }, include: inventoryInclude });
  if (!row || row.deleted) throw notFound('Inventory item not found.');
  return row;
}

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
      ...('deleted' in patch ? { deleted: true } : { quantityAvailable: patch.quantity_available }),
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
