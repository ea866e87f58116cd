import type { Db } from '../../../db/prisma';
import type { ChangeOutcome } from './change-outcomes';

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

/** The outcomes earlier changes with any of these keys got, by key (one query for a whole batch). */
export async function findKeyedOutcomes(
  tx: Db,
  keys: string[],
): Promise<Map<string, ChangeOutcome>> {
  const found = new Map<string, ChangeOutcome>();
  if (!keys.length) return found;
  for (const row of await tx.syncChangeKey.findMany({ where: { key: { in: keys } } }))
    found.set(row.key, row.result as unknown as ChangeOutcome);
  return found;
}

export type KeyedOutcome = { keys: string[]; outcome: ChangeOutcome };
