import type { Db } from '../../db/prisma';
import { notFound } from '../../lib/errors';
import { inventoryInclude } from './inventory-to-wire';

export async function findInventoryItem(db: Db, id: string) {
  const row = await db.inventoryItem.findUnique({ where: { id }, include: inventoryInclude });
  if (!row || row.deleted) throw notFound('Inventory item not found.');
  return row;
}
