import { doctorReviewOf } from '@healthsync/contracts';
import type { Appointment, HealthRecord } from '@healthsync/contracts';
import { latestReadings } from '../vitals/latest-readings';
import type { VitalReading } from '../vitals/read-observation';
import { flagReading, isAbnormal } from '../vitals/vital-flags';

/**
 * Overdue follow-ups: of the visits whose follow-up date is before today, per patient the latest
 * one that no later completed visit of that patient has answered. `visitsOf` gives a patient's
 * visits (their other visits decide whether the follow-up happened).
 */
export function selectOverdueFollowUps(
  due: readonly Appointment[],
  visitsOf: (patientId: string) => readonly Appointment[],
): Appointment[] {
  const latestByPatient = new Map<string, Appointment>();
  for (const visit of due) {
    const seen = latestByPatient.get(visit.patient_id);
    if (!seen || Date.parse(visit.appointment_date) > Date.parse(seen.appointment_date))
      latestByPatient.set(visit.patient_id, visit);
  }
  return [...latestByPatient.values()]
    .filter(
      (visit) =>
        !visitsOf(visit.patient_id).some(
          (other) =>
            other.id !== visit.id &&
            other.status === 'COMPLETED' &&
            Date.parse(other.appointment_date) > Date.parse(visit.appointment_date),
        ),
    )
    .sort((a, b) => (a.follow_up_date ?? '').localeCompare(b.follow_up_date ?? ''));
}

/** A patient whose latest reading of one or more vitals is outside normal and unreviewed. */
export interface AbnormalVitals {
  patientId: string;
  readings: { record: HealthRecord; reading: VitalReading }[];
}

/**
 * Per patient and vital, the latest reading; the patients for whom any of those is flagged
 * (vital-flags.ts) and carries no doctor's review. A reading replaced by a newer normal one of
 * the same vital is no longer listed. `observations` may be only each patient's latest ones per
 * code (the store's `latestObservations`): the answer is the same as over all of them.
 */
export function selectAbnormalVitals(observations: readonly HealthRecord[]): AbnormalVitals[] {
  const latest = latestReadings(observations, (record, reading) =>
    reading.kind ? `${record.patient}|${reading.kind}` : null,
  );
  const byPatient = new Map<string, AbnormalVitals>();
  for (const { record, reading } of latest.values()) {
    if (!flagReading(reading).some(isAbnormal) || doctorReviewOf(record.data)) continue;
    const entry = byPatient.get(record.patient) ?? { patientId: record.patient, readings: [] };
    entry.readings.push({ record, reading });
    byPatient.set(record.patient, entry);
  }
  return [...byPatient.values()];
}
