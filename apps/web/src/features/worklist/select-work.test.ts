import { describe, expect, it } from 'vitest';
import { doctorReviewExtension } from '@healthsync/contracts';
import type { Appointment, HealthRecord } from '@healthsync/contracts';
import { localDay } from '../i18n/format';
import { selectAbnormalVitals, selectOverdueFollowUps } from './select-work';

const visit = (id: string, patient: string, fields: Partial<Appointment>): Appointment => ({
  id,
  server_version: 1,
  created_at: '2026-11-01T00:00:00.000000Z',
  updated_at: '2026-11-01T00:00:00.000000Z',
  last_synced_at: null,
  deleted: false,
  patient_id: patient,
  doctor_id: null,
  appointment_date: '2026-11-01T09:00:00.000000Z',
  status: 'COMPLETED',
  symptoms: null,
  diagnosis: null,
  prescription: null,
  follow_up_date: null,
  facility_id: 'f',
  ...fields,
});

const pulse = (
  id: string,
  patient: string,
  value: number,
  at: string,
  extra = {},
): HealthRecord => ({
  id,
  server_version: 1,
  created_at: at,
  updated_at: at,
  last_synced_at: null,
  deleted: false,
  patient,
  resource_type: 'Observation',
  facility_id: 'f',
  data: {
    resourceType: 'Observation',
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
    valueQuantity: { value, unit: '/min', code: '/min' },
    effectiveDateTime: at,
    ...extra,
  },
});

describe('localDay', () => {
  it('is the phone-local calendar day', () => {
    expect(localDay(new Date(2026, 11, 6, 23, 59))).toBe('2026-12-06');
  });
});

describe('selectOverdueFollowUps', () => {
  const due = visit('v1', 'p1', { follow_up_date: '2026-11-15' });
  it('lists a past-due follow-up with no later visit', () => {
    expect(selectOverdueFollowUps([due], () => [due]).map((v) => v.id)).toEqual(['v1']);
  });

  it('drops it once a later visit of the patient is completed', () => {
    const later = visit('v2', 'p1', { appointment_date: '2026-11-16T09:00:00Z' });
    expect(selectOverdueFollowUps([due], () => [due, later])).toEqual([]);
  });

  it('keeps it while the later visit is only booked', () => {
    const booked = visit('v2', 'p1', {
      appointment_date: '2026-12-20T09:00:00Z',
      status: 'CONFIRMED',
    });
    expect(selectOverdueFollowUps([due], () => [due, booked]).map((v) => v.id)).toEqual(['v1']);
  });

  it('lists a patient once, by the latest visit that set a follow-up, earliest due first', () => {
    const again = visit('v3', 'p1', {
      appointment_date: '2026-11-20T09:00:00Z',
      follow_up_date: '2026-11-27',
    });
    const other = visit('v4', 'p2', { follow_up_date: '2026-11-10' });
    const visits = { p1: [due, again], p2: [other] } as Record<string, Appointment[]>;
    expect(
      selectOverdueFollowUps([due, again, other], (p) => visits[p] ?? []).map((v) => v.id),
    ).toEqual(['v4', 'v3']);
  });
});

describe('selectAbnormalVitals', () => {
  it('lists a patient whose latest reading is out of normal', () => {
    const items = selectAbnormalVitals([pulse('r1', 'p1', 130, '2026-12-06T08:00:00Z')]);
    expect(items.map((i) => [i.patientId, i.readings.map((r) => r.record.id)])).toEqual([
      ['p1', ['r1']],
    ]);
  });

  it('ignores an old abnormal reading once a newer one of the same vital is normal', () => {
    expect(
      selectAbnormalVitals([
        pulse('r1', 'p1', 130, '2026-12-05T08:00:00Z'),
        pulse('r2', 'p1', 72, '2026-12-06T08:00:00Z'),
      ]),
    ).toEqual([]);
  });

  it('leaves out a reading a doctor reviewed', () => {
    const review = doctorReviewExtension({ doctorId: 'd1', at: '2026-12-06T09:00:00Z' });
    expect(
      selectAbnormalVitals([
        pulse('r1', 'p1', 130, '2026-12-06T08:00:00Z', { extension: [review] }),
      ]),
    ).toEqual([]);
  });
});
