import { describe, expect, it } from 'vitest';
import type { Locale } from '../i18n/locales';
import { translator } from '../i18n/translate';
import { quantityObservation } from '../vitals/build-observation';
import { QUANTITY_VITALS } from '../vitals/vital-signs';
import { formatFieldValue, referencedIds } from './field-value';
import type { Names } from './field-value';

const DOCTOR = '6f1c2a52-3b7e-4c1a-9d7e-1a2b3c4d5e6f';
const names: Names = { doctor: { [DOCTOR]: 'Dr. Anil Deshmukh' } };
const show = (locale: Locale, field: string, value: unknown) =>
  formatFieldValue(field, value, {
    t: translator(locale),
    locale,
    names,
    temperatureUnit: 'Cel',
  });

describe('formatFieldValue', () => {
  it('puts codes in words in each language', () => {
    expect(show('en', 'gender', 'Female')).toBe('Female');
    expect(show('hi', 'gender', 'Female')).toBe('महिला');
    expect(show('pa', 'gender', 'Female')).toBe('ਔਰਤ');
    expect(show('hi', 'status', 'CONFIRMED')).toBe('पक्का');
    expect(show('pa', 'status', 'PENDING')).toBe('ਹਾਲੇ ਪੱਕੀ ਨਹੀਂ');
    expect(show('hi', 'role', 'pharmacist')).toBe('फ़ार्मासिस्ट');
    expect(show('pa', 'resource_type', 'MedicationRequest')).toBe('ਦਵਾਈ ਦੀ ਪਰਚੀ');
    expect(show('hi', 'resource_type', 'FamilyMemberHistory')).toBe('स्वास्थ्य रिकॉर्ड');
    expect(show('pa', 'active', false)).toBe('ਬੰਦ');
  });

  it('keeps a code it has no words for, rather than hiding it', () => {
    expect(show('en', 'status', 'ARCHIVED')).toBe('ARCHIVED');
  });

  it('shows names instead of ids, and the id when no name is known', () => {
    expect(show('hi', 'doctor_id', DOCTOR)).toBe('Dr. Anil Deshmukh');
    expect(show('en', 'pharmacy_id', 'c0ffee00-0000-4000-8000-000000000000')).toBe(
      'c0ffee00-0000-4000-8000-000000000000',
    );
  });

  it('shows times in the phone’s time zone and days as they are', () => {
    expect(show('en', 'appointment_date', '2024-12-05T04:30:00.000Z')).toBe(
      '5 December 2024, 10:00 am',
    );
    expect(show('pa', 'appointment_date', '2024-12-05T04:30:00.000Z')).toBe(
      '5 ਦਸੰਬਰ 2024, 10:00 am',
    );
    expect(show('hi', 'dob', '1985-03-02')).toBe('2 मार्च 1985');
  });

  it('groups numbers the Indian way and words an empty value as a dash', () => {
    expect(show('hi', 'quantity_available', 150000)).toBe('1,50,000');
    expect(show('en', 'diagnosis', '')).toBe('—');
    expect(show('en', 'diagnosis', null)).toBe('—');
    expect(show('en', 'diagnosis', 'Hypertension')).toBe('Hypertension');
  });

  it('reads a health record’s vital sign instead of showing its JSON', () => {
    const temperature = QUANTITY_VITALS.find((v) => v.kind === 'temperature');
    if (!temperature) throw new Error('no temperature vital');
    const data = quantityObservation(temperature, 38.5, 'p1', new Date('2024-12-05T04:30:00Z'));
    expect(show('hi', 'data', data)).toBe('तापमान: 38.5 °C');
  });
});

describe('referencedIds', () => {
  it('collects each id a row points at once, with its kind', () => {
    expect(
      referencedIds([
        { doctor_id: DOCTOR, patient_id: 'p1', name: 'x' },
        { doctor_id: DOCTOR, facility_id: 'f1' },
        null,
      ]),
    ).toEqual([
      { kind: 'doctor', id: DOCTOR },
      { kind: 'patient', id: 'p1' },
      { kind: 'facility', id: 'f1' },
    ]);
  });
});
