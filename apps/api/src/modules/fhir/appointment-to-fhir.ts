import type { Appointment, Condition, MedicationRequest } from '@medplum/fhirtypes';
import type { AppointmentRow } from '../../db/prisma';
import { metaOf, reference } from './fhir-meta';
import { CONDITION_CATEGORY } from './fhir-systems';

const STATUS: Record<AppointmentRow['status'], Appointment['status']> = {
  PENDING: 'pending',
  CONFIRMED: 'booked',
  COMPLETED: 'fulfilled',
  CANCELLED: 'cancelled',
  NO_SHOW: 'noshow',
};

/** Statuses as FHIR names them, for searching by `status` (a Map: a search value is user input). */
export const APPOINTMENT_STATUS_OF_FHIR = new Map<string, AppointmentRow['status']>(
  Object.entries(STATUS).map(([ours, fhir]) => [fhir, ours as AppointmentRow['status']]),
);

/**
 * FHIR requires `end` with `start` (app-2) and the API keeps no duration: a visit is taken to
 * last this long.
 */
export const ASSUMED_VISIT_MINUTES = 15;

/** An appointment as FHIR: symptoms are the reason; diagnosis and prescription are their own resources. */
export function appointmentToFhir(row: AppointmentRow): Appointment {
  const start = row.appointmentDate;
  const end = new Date(start.getTime() + ASSUMED_VISIT_MINUTES * 60_000);
  return {
    resourceType: 'Appointment',
    id: row.id,
    meta: metaOf(row),
    status: STATUS[row.status],
    ...(row.symptoms ? { reasonCode: [{ text: row.symptoms }] } : {}),
    start: start.toISOString(),
    end: end.toISOString(),
    minutesDuration: ASSUMED_VISIT_MINUTES,
    participant: [
      { actor: reference('Patient', row.patientId), status: 'accepted' },
      ...(row.doctorId
        ? [{ actor: reference('Practitioner', row.doctorId), status: 'accepted' as const }]
        : []),
      { actor: reference('Location', row.facilityId), status: 'accepted' },
    ],
  };
}

/**
 * The doctor's diagnosis as an encounter-diagnosis Condition (same id as the appointment). The
 * text is kept as written in `code.text`: no code is guessed.
 */
export function appointmentDiagnosisToFhir(row: AppointmentRow): Condition | null {
  if (!row.diagnosis) return null;
  return {
    resourceType: 'Condition',
    id: row.id,
    meta: metaOf(row),
    category: [
      {
        coding: [
          {
            system: CONDITION_CATEGORY,
            code: 'encounter-diagnosis',
            display: 'Encounter Diagnosis',
          },
        ],
      },
    ],
    code: { text: row.diagnosis },
    subject: reference('Patient', row.patientId),
    recordedDate: row.appointmentDate.toISOString(),
    ...(row.doctorId ? { recorder: reference('Practitioner', row.doctorId) } : {}),
  };
}

/**
 * The prescription as one MedicationRequest (same id as the appointment) whose medication is the
 * text as written; its status is `unknown` because dispensing is not tracked.
 */
export function appointmentPrescriptionToFhir(row: AppointmentRow): MedicationRequest | null {
  if (!row.prescription) return null;
  return {
    resourceType: 'MedicationRequest',
    id: row.id,
    meta: metaOf(row),
    status: 'unknown',
    intent: 'order',
    medicationCodeableConcept: { text: row.prescription },
    subject: reference('Patient', row.patientId),
    authoredOn: row.appointmentDate.toISOString(),
    ...(row.doctorId ? { requester: reference('Practitioner', row.doctorId) } : {}),
    supportingInformation: [reference('Appointment', row.id)],
  };
}

/** Every resource an appointment row stands for. */
export function appointmentResourcesOf(row: AppointmentRow) {
  return [
    appointmentToFhir(row),
    appointmentDiagnosisToFhir(row),
    appointmentPrescriptionToFhir(row),
  ].filter((r) => r !== null);
}
