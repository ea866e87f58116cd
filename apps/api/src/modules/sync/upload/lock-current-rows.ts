import type { Db } from '../../../db/prisma';
import { prepared } from '../../../db/prepared-statements';
import { canAccessFacility, type AuthUser } from '../../auth/auth-user';
import { SYNCED_ENTITIES, type StoredEntity, type WireRow } from '../synced-entities';
import { wireRowSql } from '../wire-sql';

/** The server's row as a change is checked against it (deleted rows included). */
export type CurrentRow = { row: WireRow; stamp: bigint; serverVersion: number; deleted: boolean };

export type LockedRows = {
  /** The rows in the caller's scope, by id. */
  inScope: Map<string, CurrentRow>;
  /** Ids that exist outside the caller's scope (to the caller they do not exist, yet are taken). */
  elsewhere: Set<string>;
};

/**
 * One round trip for any number of rows: their sync columns and wire rendering, locked until
 * commit for the writes that follow. Locks are taken in id order, so two batches that touch the
 * same rows wait for each other instead of deadlocking.
 */
export async function lockCurrentRows(
  tx: Db,
  entity: StoredEntity,
  user: AuthUser,
  ids: string[],
): Promise<LockedRows> {
  const locked: LockedRows = { inScope: new Map(), elsewhere: new Set() };
  if (!ids.length) return locked;
  const { table, scope } = SYNCED_ENTITIES[entity];
  const found = await tx.$queryRawUnsafe<
    {
      id: string;
      stamp: bigint;
      server_version: number;
      deleted: boolean;
      facility_id: string | null;
      json: string;
    }[]
  >(
    prepared(`SELECT c.id::text AS id, stamp, server_version, deleted,
            ${scope === 'facility' ? 'facility_id::text' : 'NULL::text'} AS facility_id,
            ${wireRowSql(entity, table, 'c.id')} AS json
       FROM "${table}" c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE`),
    ids,
  );
  for (const meta of found) {
    if (meta.facility_id && !canAccessFacility(user, meta.facility_id)) {
      locked.elsewhere.add(meta.id);
      continue;
    }
    locked.inScope.set(meta.id, {
      row: JSON.parse(meta.json) as WireRow,
      stamp: BigInt(meta.stamp),
      serverVersion: meta.server_version,
      deleted: meta.deleted,
    });
  }
  return locked;
}
