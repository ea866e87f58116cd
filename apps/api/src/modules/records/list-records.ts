import type { HealthRecord } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import type { AuthUser } from '../auth/auth-user';
import { recordToWire } from './record-to-wire';

export type ListRecordsQuery = {
  patient?: string;
  resource_type?: string;
  limit?: number;
  offset?: number;
};

export async function listRecords(
  db: Db,
  user: AuthUser,
  query: ListRecordsQuery,
): Promise<HealthRecord[]> {
  const rows = await db.healthRecord.findMany({
    where: {
      deleted: false,
      ...(user.role === 'admin' ? {} : { facilityId: user.facilityId }),
      ...(query.patient ? { patientId: query.patient } : {}),
      ...(query.resource_type ? { resourceType: query.resource_type } : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: query.limit,
    skip: query.offset,
  });
  return rows.map(recordToWire);
}
