import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/prisma';
import { HealthSyncError } from './errors';

/**
 * The id of a row about to be created: the client's own (clients create rows offline with their own
 * UUIDs) — refused with 409 if taken — or a new UUIDv7.
 */
export async function newRowId(
  db: Db,
  table: string,
  clientId: string | undefined,
): Promise<string> {
  if (!clientId) return uuidv7();
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
  const taken = await db.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM "${table}" WHERE id = $1::uuid`,
    clientId,
  );
  if (taken.length) throw idTaken(clientId);
  return clientId;
}

export const idTaken = (clientId: string) =>
  new HealthSyncError('CONFLICT', 'A row with this id already exists.', { id: clientId });
