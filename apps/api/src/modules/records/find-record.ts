import type { Db, HealthRecordRow } from '../../db/prisma';
import { notFound } from '../../lib/errors';
import { patientRefusal } from '../sync/upload/decisions';
import { type AuthUser, canAccessFacility } from '../auth/auth-user';

export async function findRecordInScope(
  db: Db,
  user: AuthUser,
  id: string,
): Promise<HealthRecordRow> {
  const row = await db.healthRecord.findUnique({ where: { id } });
  if (!row || row.deleted || !canAccessFacility(user, row.facilityId))
    throw notFound('Health record not found.');
  return row;
}

/** The facility of a patient the caller may write records for; a 400 naming `field` otherwise. */
export async function patientFacilityFor(
  db: Db,
  user: AuthUser,
  patientId: string,
  field = 'patient',
): Promise<string> {
  const patient = await db.patient.findUnique({
    where: { id: patientId },
    select: { facilityId: true, deleted: true },
  });
  const refusal = patientRefusal(user, patient, field);
  if (refusal) throw refusal;
  return patient!.facilityId;
}
