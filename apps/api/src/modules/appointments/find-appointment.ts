import type { Db } from '../../db/prisma';
import { notFound } from '../../lib/errors';
import { canAccessFacility, type AuthUser } from '../../core/auth-user';
import { doctorRefusal } from '../sync/upload/decisions';

export async function findAppointmentInScope(db: Db, user: AuthUser, id: string) {
  const row = await db.appointment.findUnique({ where: { id } });
  if (!row || row.deleted || !canAccessFacility(user, row.facilityId))
    throw notFound('Appointment not found.');
  return row;
}

/** The doctor rule (decisions.ts) for the doctor an appointment names, read from the database. */
export async function assertDoctorIn(
  db: Db,
  doctorId: string | null | undefined,
  facilityId: string,
): Promise<void> {
  if (!doctorId) return;
  const doctor = await db.doctor.findUnique({
    where: { id: doctorId },
    select: { facilityId: true, deleted: true },
  });
  const refusal = doctorRefusal(doctorId, doctor, facilityId);
  if (refusal) throw refusal;
}
