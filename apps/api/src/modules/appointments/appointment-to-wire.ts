import type { Appointment } from '@healthsync/contracts';
import type { AppointmentRow } from '../../db/prisma';
import { formatDate } from '@healthsync/contracts';
import { dateOnly, syncFieldsToWire } from '../../lib/wire';

export function appointmentToWire(row: AppointmentRow): Appointment {
  return {
    ...syncFieldsToWire(row),
    patient_id: row.patientId,
    doctor_id: row.doctorId,
    appointment_date: formatDate(row.appointmentDate),
    status: row.status,
    symptoms: row.symptoms,
    diagnosis: row.diagnosis,
    prescription: row.prescription,
    follow_up_date: dateOnly(row.followUpDate),
    facility_id: row.facilityId,
  };
}
