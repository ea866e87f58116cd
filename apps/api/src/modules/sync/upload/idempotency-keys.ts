import type { Db } from '../../../db/prisma';
import type { Prisma } from '../../../db/prisma';
import type { ChangeOutcome } from './apply-change';

type Keyed = {
  client_change_id?: string | null;
  client_temp_id?: string | null;
  operation?: unknown;
};

/** The idempotency keys of a change: its client_change_id and, for creates, its client_temp_id. */
export function keysOf(userId: string, deviceId: string, change: Keyed): string[] {
  const keys: string[] = [];
  if (change.client_change_id) keys.push(`change:${userId}:${deviceId}:${change.client_change_id}`);
  if (change.operation === 'create' && change.client_temp_id)
    keys.push(`temp:${userId}:${deviceId}:${change.client_temp_id}`);
  return keys;
}

/** The outcome a change with one of these keys got the first time, if it was seen before. */
export async function findKeyedOutcome(tx: Db, keys: string[]): Promise<ChangeOutcome | null> {
  if (!keys.length) return null;
  const found = await tx.syncChangeKey.findFirst({ where: { key: { in: keys } } });
  return found ? (found.result as unknown as ChangeOutcome) : null;
}

export async function storeKeyedOutcome(
  tx: Db,
  keys: string[],
  userId: string,
  batchId: string,
  result: ChangeOutcome,
): Promise<void> {
  if (!keys.length) return;
  await tx.syncChangeKey.createMany({
    data: keys.map((key) => ({
      key,
      userId,
      batchId,
      result: result as unknown as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
}
