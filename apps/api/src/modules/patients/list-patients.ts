import type { Patient, PatientListQuery } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import type { AuthUser } from '../../core/auth-user';
import { patientToWire } from './patient-to-wire';

/** A page of the caller's patients by name, with one row more than `limit` if there is more. */
export async function listPatients(
  db: Db,
  user: AuthUser,
  query: PatientListQuery,
): Promise<Patient[]> {
  const rows = await db.patient.findMany({
    where: {
      deleted: false,
      ...(user.role === 'admin' ? {} : { facilityId: user.facilityId }),
      ...(query.search ? { name: { contains: query.search, mode: 'insensitive' as const } } : {}),
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
    skip: query.offset,
  });
  return rows.map(patientToWire);
}
