import { doctorReviewOf } from '@healthsync/contracts';
import type { Appointment, HealthRecord } from '@healthsync/contracts';
import { readObservation } from '../vitals/read-observation';
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

const takenAt = (record: HealthRecord, reading: VitalReading) =>
  Date.parse(reading.effective ?? record.created_at);

/**
 * Per patient and vital, the latest reading; the patients for whom any of those is flagged
 * (vital-flags.ts) and carries no doctor's review. A reading replaced by a newer normal one of
 * the same vital is no longer listed.
 */
export function selectAbnormalVitals(observations: readonly HealthRecord[]): AbnormalVitals[] {
  const latest = new Map<string, { record: HealthRecord; reading: VitalReading }>();
  for (const record of observations) {
    const reading = readObservation(record.data);
    if (!reading?.kind) continue;
    const key = `${record.patient}|${reading.kind}`;
    const seen = latest.get(key);
    if (!seen || takenAt(record, reading) > takenAt(seen.record, seen.reading))
      latest.set(key, { record, reading });
  }
  const byPatient = new Map<string, AbnormalVitals>();
  for (const item of latest.values()) {
    if (!flagReading(item.reading).some(isAbnormal) || doctorReviewOf(item.record.data)) continue;
    const entry = byPatient.get(item.record.patient) ?? {
      patientId: item.record.patient,
      readings: [],
    };
    entry.readings.push(item);
    byPatient.set(item.record.patient, entry);
  }
  return [...byPatient.values()];
}
