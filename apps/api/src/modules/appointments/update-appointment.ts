import { timestampToDate, type Appointment, type AppointmentPatch } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { assertExpectedVersion } from '../../lib/precondition';
import { lockRow } from '../../lib/transaction';
import { parseDateOnly } from '../../lib/wire';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { patientFacilityFor } from '../records/find-record';
import { facilityLockFilter } from '../sync/sync-scope';
import { appointmentToWire } from './appointment-to-wire';
import { assertDoctorIn, findAppointmentInScope } from './find-appointment';

export async function updateAppointment(
  tx: Db,
  ctx: WriteContext,
  id: string,
  patch: AppointmentPatch,
  expectedVersion?: number,
): Promise<Appointment> {
  await lockRow(tx, 'appointment', id, facilityLockFilter(ctx.user));
  const current = await findAppointmentInScope(tx, ctx.user, id);
  assertExpectedVersion(current, expectedVersion, () => appointmentToWire(current));
  let facilityId = current.facilityId;
  if (patch.patient_id && patch.patient_id !== current.patientId) {
    facilityId = await patientFacilityFor(tx, ctx.user, patch.patient_id, 'patient_id');
  }
  if (patch.doctor_id !== undefined) await assertDoctorIn(tx, patch.doctor_id, facilityId);
  const row = await tx.appointment.update({
    where: { id },
    data: {
      patientId: patch.patient_id,
      doctorId: patch.doctor_id,
      appointmentDate: patch.appointment_date ? timestampToDate(patch.appointment_date) : undefined,
      status: patch.status,
      symptoms: patch.symptoms,
      diagnosis: patch.diagnosis,
      prescription: patch.prescription,
      followUpDate: parseDateOnly(patch.follow_up_date),
      facilityId,
      ...(ctx.syncedAt ? { lastSyncedAt: ctx.syncedAt } : {}),
    },
  });
  return auditedRow(
    tx,
    ctx.actor,
    'update',
    'Appointment',
    appointmentToWire(row),
    appointmentToWire(current),
  );
}
