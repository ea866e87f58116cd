import type { Appointment, AppointmentStatus } from '@healthsync/contracts';

/** What a visit form edits. */
export interface VisitValues {
  status: AppointmentStatus;
  symptoms: string;
  diagnosis: string;
  prescription: string;
}

export function visitValuesOf(appointment: Appointment): VisitValues {
  return {
    status: appointment.status,
    symptoms: appointment.symptoms ?? '',
    diagnosis: appointment.diagnosis ?? '',
    prescription: appointment.prescription ?? '',
  };
}

/** Only the fields the person changed, compared with what the form opened with. */
export function changedVisitFields(opened: VisitValues, values: VisitValues): Partial<VisitValues> {
  return Object.fromEntries(
    (Object.keys(values) as (keyof VisitValues)[])
      .filter((key) => values[key].trim() !== opened[key].trim())
      .map((key) => [key, values[key]]),
  );
}
