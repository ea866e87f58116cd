import type { Db } from '../../../db/prisma';
import { prepared } from '../../../db/prepared-statements';
import type { Owner } from './decisions';

/** The facility and deleted flag of each of these rows of `table` that exists, by id. */
export async function readOwners(
  tx: Db,
  table: 'patient' | 'doctor',
  ids: string[],
): Promise<Map<string, Owner>> {
  const rows = ids.length
    ? await tx.$queryRawUnsafe<(Owner & { id: string })[]>(
        prepared(`SELECT id::text AS id, facility_id::text AS "facilityId", deleted
           FROM "${table}" WHERE id = ANY($1::uuid[])`),
        ids,
      )
    : [];
  return new Map<string, Owner>(rows.map((row) => [row.id, row]));
}
