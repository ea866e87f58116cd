import { timestampToDate, type Appointment, type AppointmentInput } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { newRowId } from '../../lib/new-row-id';
import { parseDateOnly } from '../../lib/wire';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { patientFacilityFor } from '../records/find-record';
import { appointmentToWire } from './appointment-to-wire';
import { assertDoctorIn } from './find-appointment';

export async function createAppointment(
  tx: Db,
  ctx: WriteContext,
  input: AppointmentInput,
): Promise<Appointment> {
  const facilityId = await patientFacilityFor(tx, ctx.user, input.patient_id, 'patient_id');
  await assertDoctorIn(tx, input.doctor_id, facilityId);
  const id = await newRowId(tx, 'appointment', input.id);
  const row = await tx.appointment.create({
    data: {
      id,
      patientId: input.patient_id,
      doctorId: input.doctor_id ?? null,
      appointmentDate: timestampToDate(input.appointment_date),
      status: input.status ?? 'PENDING',
      symptoms: input.symptoms ?? null,
      diagnosis: input.diagnosis ?? null,
      prescription: input.prescription ?? null,
      followUpDate: parseDateOnly(input.follow_up_date) ?? null,
      facilityId,
      lastSyncedAt: ctx.syncedAt ?? null,
    },
  });
  return auditedRow(tx, ctx.actor, 'create', 'Appointment', appointmentToWire(row));
}
