import type { Db } from '../../../db/prisma';
import { prepared } from '../../../db/prepared-statements';
import type { AuthUser } from '../../auth/auth-user';
import { scopeFacility } from '../sync-scope';
import { entityNamed } from '../entities/registry';
import type { StoredEntity, WireRow } from '../entities/server-entity';
import { wireJsonOfRowSql } from '../wire-rows';

/** The server's row as a change is checked against it (deleted rows included). */
export type CurrentRow = { row: WireRow; stamp: bigint; serverVersion: number; deleted: boolean };

export type LockedRows = {
  /** The rows in the caller's scope, by id. */
  inScope: Map<string, CurrentRow>;
  /** Ids that exist outside the caller's scope (to the caller they do not exist, yet are taken). */
  elsewhere: Set<string>;
};

type Found = {
  id: string;
  in_scope: boolean;
  stamp: bigint | null;
  server_version: number | null;
  deleted: boolean | null;
  json: string | null;
};

/** Sync columns and wire rendering of the locked row `t`. */
const lockedColumns = (entity: StoredEntity) =>
  `t.id::text AS id, true AS in_scope, t.stamp, t.server_version, t.deleted, ${wireJsonOfRowSql(entity)} AS json`;

/**
 * One round trip for any number of rows: their sync columns and wire rendering, locked until
 * commit for the writes that follow. Locks are taken in id order, so two batches that touch the
 * same rows wait for each other instead of deadlocking. Only rows in the caller's facility are
 * locked: another facility's row is only noted as taken, never locked nor waited for.
 */
export async function lockCurrentRows(
  tx: Db,
  entity: StoredEntity,
  user: AuthUser,
  ids: string[],
): Promise<LockedRows> {
  const locked: LockedRows = { inScope: new Map(), elsewhere: new Set() };
  if (!ids.length) return locked;
  const { table, scope } = entityNamed(entity);
  const facility = scope === 'facility' ? scopeFacility(user) : null;
  const found = facility
    ? await tx.$queryRawUnsafe<Found[]>(
        prepared(`WITH mine AS (
            SELECT ${lockedColumns(entity)} FROM "${table}" t
             WHERE t.id = ANY($1::uuid[]) AND t.facility_id = $2::uuid ORDER BY t.id FOR UPDATE)
          SELECT * FROM mine
          UNION ALL
          SELECT t.id::text, false, NULL, NULL, NULL, NULL FROM "${table}" t
           WHERE t.id = ANY($1::uuid[]) AND t.facility_id <> $2::uuid`),
        ids,
        facility,
      )
    : await tx.$queryRawUnsafe<Found[]>(
        prepared(`SELECT ${lockedColumns(entity)} FROM "${table}" t
           WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE`),
        ids,
      );
  for (const meta of found) {
    if (!meta.in_scope) {
      locked.elsewhere.add(meta.id);
      continue;
    }
    locked.inScope.set(meta.id, {
      row: JSON.parse(meta.json!) as WireRow,
      stamp: BigInt(meta.stamp!),
      serverVersion: meta.server_version!,
      deleted: meta.deleted!,
    });
  }
  return locked;
}
