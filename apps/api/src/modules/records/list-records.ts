import type { HealthRecord, RecordListQuery } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import type { AuthUser } from '../../core/auth-user';
import { recordToWire } from './record-to-wire';

/** A page of the caller's records, oldest first, with one row more than `limit` if there is more. */
export async function listRecords(
  db: Db,
  user: AuthUser,
  query: RecordListQuery,
): Promise<HealthRecord[]> {
  const rows = await db.healthRecord.findMany({
    where: {
      deleted: false,
      ...(user.role === 'admin' ? {} : { facilityId: user.facilityId }),
      ...(query.patient ? { patientId: query.patient } : {}),
      ...(query.resource_type ? { resourceType: query.resource_type } : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
    skip: query.offset,
  });
  return rows.map(recordToWire);
}
