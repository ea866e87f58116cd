import type { Appointment, AppointmentStatus } from '@healthsync/contracts';

/** What a visit form edits (a follow-up date as the date input holds it: YYYY-MM-DD or ''). */
export interface VisitValues {
  status: AppointmentStatus;
  symptoms: string;
  diagnosis: string;
  prescription: string;
  follow_up_date: string;
}

export function visitValuesOf(appointment: Appointment): VisitValues {
  return {
    status: appointment.status,
    symptoms: appointment.symptoms ?? '',
    diagnosis: appointment.diagnosis ?? '',
    prescription: appointment.prescription ?? '',
    follow_up_date: appointment.follow_up_date ?? '',
  };
}

export type VisitChanges = Partial<Omit<VisitValues, 'follow_up_date'>> & {
  follow_up_date?: string | null;
};

/**
 * Only the fields the person changed, compared with what the form opened with; a cleared
 * follow-up date is null (no date), not ''.
 */
export function changedVisitFields(opened: VisitValues, values: VisitValues): VisitChanges {
  return Object.fromEntries(
    (Object.keys(values) as (keyof VisitValues)[])
      .filter((key) => values[key].trim() !== opened[key].trim())
      .map((key) => [key, key === 'follow_up_date' ? values[key] || null : values[key]]),
  );
}
