import { AppointmentPatch, timestampToDate } from '@healthsync/contracts';
import { editRowsInBulk } from './edit-rows-in-bulk';
import { parsePayload, withoutServerFields } from './parse-payload';

/** Omitted fields keep their value, as `updateAppointment` (Prisma's `undefined`) leaves them. */
const UPDATE_APPOINTMENTS_SQL = `
  UPDATE appointment a SET
    appointment_date = CASE WHEN c.patch ? 'appointment_date'
      THEN (c.patch->>'appointment_date')::timestamptz ELSE a.appointment_date END,
    status = CASE WHEN c.patch ? 'status'
      THEN (c.patch->>'status')::"AppointmentStatus" ELSE a.status END,
    symptoms = CASE WHEN c.patch ? 'symptoms' THEN c.patch->>'symptoms' ELSE a.symptoms END,
    diagnosis = CASE WHEN c.patch ? 'diagnosis' THEN c.patch->>'diagnosis' ELSE a.diagnosis END,
    prescription = CASE WHEN c.patch ? 'prescription'
      THEN c.patch->>'prescription' ELSE a.prescription END,
    follow_up_date = CASE WHEN c.patch ? 'follow_up_date'
      THEN (c.patch->>'follow_up_date')::date ELSE a.follow_up_date END,
    last_synced_at = COALESCE($2::timestamptz, a.last_synced_at)
  FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, patch jsonb, before jsonb)
  WHERE a.id = c.id
  RETURNING a.*, c.before AS audit_before`;

/**
 * Visit edits (status, diagnosis, prescription, date, symptoms, follow-up date). An edit naming a patient or a
 * doctor goes one by one: those are checked against their rows (`updateAppointment`).
 */
export const updateAppointmentsInBulk = editRowsInBulk<AppointmentPatch>({
  entity: 'Appointment',
  patchOf: (change) => {
    const patch = parsePayload(AppointmentPatch, withoutServerFields(change.payload));
    return patch.patient_id !== undefined || patch.doctor_id !== undefined ? null : patch;
  },
  rowOf: (patch) => ({
    patch: {
      ...patch,
      ...(patch.appointment_date
        ? { appointment_date: timestampToDate(patch.appointment_date).toISOString() }
        : {}),
    },
  }),
  sql: UPDATE_APPOINTMENTS_SQL,
});
