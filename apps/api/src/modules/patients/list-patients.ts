import type { Patient } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import type { AuthUser } from '../auth/auth-user';
import { patientToWire } from './patient-to-wire';

export type ListPatientsQuery = { search?: string; limit?: number; offset?: number };

export async function listPatients(
  db: Db,
  user: AuthUser,
  query: ListPatientsQuery,
): Promise<Patient[]> {
  const rows = await db.patient.findMany({
    where: {
      deleted: false,
      ...(user.role === 'admin' ? {} : { facilityId: user.facilityId }),
      ...(query.search ? { name: { contains: query.search, mode: 'insensitive' as const } } : {}),
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: query.limit,
    skip: query.offset,
  });
  return rows.map(patientToWire);
}
