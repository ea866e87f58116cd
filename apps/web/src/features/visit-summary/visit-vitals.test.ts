import type { HealthRecord } from '@healthsync/contracts';
import type { LocalRecord } from '@healthsync/sync-client';
import { describe, expect, it } from 'vitest';
import { bloodPressureObservation, quantityObservation } from '../vitals/build-observation';
import { QUANTITY_VITALS } from '../vitals/vital-signs';
import { visitVitals } from './visit-vitals';

const PATIENT = '0190a000-0000-7000-8000-000000000001';
const vital = (kind: string) => QUANTITY_VITALS.find((v) => v.kind === kind)!;

let next = 0;
function record(data: Record<string, unknown>, resourceType = 'Observation') {
  next += 1;
  return {
    id: `0190a000-0000-7000-8000-${String(next).padStart(12, '0')}`,
    patient: PATIENT,
    resource_type: resourceType,
    data,
    created_at: '2026-03-01T00:00:00.000Z',
  } as unknown as LocalRecord<HealthRecord>;
}

// Noon UTC is the same calendar day in every time zone from UTC−11 to UTC+11.
const at = (day: string, time = '12:00') => new Date(`2026-03-${day}T${time}:00.000Z`);

describe('visitVitals', () => {
  it('keeps the readings of the visit’s day, the latest of each kind, in the summary’s order', () => {
    const records = [
      record(quantityObservation(vital('weight'), 61, PATIENT, at('05'))),
      record(bloodPressureObservation(150, 96, PATIENT, at('05', '11:00'))),
      record(bloodPressureObservation(142, 90, PATIENT, at('05', '11:20'))),
      record(quantityObservation(vital('pulse'), 88, PATIENT, at('05'))),
      record(bloodPressureObservation(120, 80, PATIENT, at('04'))), // the day before
      record(quantityObservation(vital('spo2'), 91, PATIENT, at('06'))), // the day after
      record({ resourceType: 'Condition', code: { text: 'Hypertension' } }, 'Condition'),
    ];
    const shown = visitVitals(records, at('05', '11:30').toISOString());
    expect(shown.map((r) => [r.kind, r.values])).toEqual([
      ['bloodPressure', [142, 90]],
      ['pulse', [88]],
      ['weight', [61]],
    ]);
  });

  it('shows nothing when no vitals were taken that day', () => {
    const records = [record(quantityObservation(vital('pulse'), 70, PATIENT, at('02')))];
    expect(visitVitals(records, at('05').toISOString())).toEqual([]);
  });
});
