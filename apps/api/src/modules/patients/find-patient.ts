import type { Db, PatientRow } from '../../db/prisma';
import { notFound } from '../../lib/errors';
import { type AuthUser, canAccessFacility } from '../../core/auth-user';

/** The caller's patient with this id; 404 when it does not exist, is deleted or is out of scope. */
export async function findPatientInScope(
  db: Db,
  user: AuthUser,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<PatientRow> {
  const row = await db.patient.findUnique({ where: { id } });
  if (
    !row ||
    (row.deleted && !options.includeDeleted) ||
    !canAccessFacility(user, row.facilityId)
  ) {
    throw notFound('Patient not found.');
  }
  return row;
}
