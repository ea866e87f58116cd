import { z } from 'zod';
import {
  CalendarDate,
  InputTimestamp,
  OptionalText,
  Uuid,
  WireDate,
  WireTimestamp,
  syncedRowFields,
} from './common';

export const APPOINTMENT_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const Appointment = z.object({
  ...syncedRowFields,
  patient_id: Uuid,
  doctor_id: Uuid.nullable(),
  appointment_date: WireTimestamp,
  status: AppointmentStatus,
  symptoms: z.string().nullable(),
  diagnosis: z.string().nullable(),
  prescription: z.string().nullable(),
  /** The day the patient should come back; past it with no later completed visit, it is overdue. */
  follow_up_date: WireDate.nullable(),
  facility_id: Uuid,
});
export type Appointment = z.infer<typeof Appointment>;

/** The clinical fields a visit may change. */
export const appointmentEditableFields = {
  status: AppointmentStatus.optional(),
  appointment_date: InputTimestamp.optional(),
  symptoms: OptionalText(4000),
  diagnosis: OptionalText(4000),
  prescription: OptionalText(4000),
  follow_up_date: CalendarDate.nullable().optional(),
};

export const AppointmentInput = z.strictObject({
  id: Uuid.optional(),
  patient_id: Uuid,
  doctor_id: Uuid.nullable().optional(),
  ...appointmentEditableFields,
  appointment_date: InputTimestamp,
});
export type AppointmentInput = z.infer<typeof AppointmentInput>;

/** What an edit of an appointment may change (PUT/PATCH bodies aside: an upload's update payload). */
export const AppointmentPatch = AppointmentInput.omit({ id: true }).partial();
export type AppointmentPatch = z.infer<typeof AppointmentPatch>;
