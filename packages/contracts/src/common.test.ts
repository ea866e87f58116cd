import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppointmentInput } from './appointment';
import { CalendarDate, InputTimestamp, JsonObjectInput, MAX_JSON_FIELD_LENGTH } from './common';
import { PatientInput } from './patient';

const messageOf = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues[0]?.message;

describe('date and timestamp fields', () => {
  it('accept what the parser accepts and name why they refuse the rest', () => {
    expect(InputTimestamp.safeParse('2026-01-01T10:00:00+05').success).toBe(true);
    expect(InputTimestamp.safeParse('2026-01-01T10:00:00,5Z').success).toBe(true);
    expect(messageOf(InputTimestamp, '2026-01-01T10:00:00')).toMatch(/time zone/);
    expect(messageOf(InputTimestamp, '0000-01-01T00:00:00Z')).toMatch(/0001 and 9999/);
    expect(messageOf(InputTimestamp, '2026-02-30T00:00:00Z')).toMatch(/No such date/);
    expect(messageOf(CalendarDate, '0000-01-01')).toMatch(/0001 and 9999/);
    expect(messageOf(CalendarDate, '2026-02-29')).toMatch(/No such date/);
    expect(messageOf(CalendarDate, '17/05/1990')).toMatch(/YYYY-MM-DD/);
  });

  it('are what every request schema with a date uses (documented as date / date-time)', () => {
    const appointment = z.toJSONSchema(AppointmentInput, { io: 'input' }) as {
      properties: Record<string, { format?: string }>;
    };
    expect(appointment.properties.appointment_date?.format).toBe('date-time');
    expect(
      AppointmentInput.safeParse({
        patient_id: '0190f9f3-1d6e-7c3a-9a5b-3f1f8b2c4d5e',
        appointment_date: '0000-06-01T10:00:00Z',
      }).success,
    ).toBe(false);
    expect(PatientInput.safeParse({ name: 'A', dob: '0000-01-01' }).success).toBe(false);
    expect(PatientInput.safeParse({ name: 'A', dob: '1978-03-14' }).success).toBe(true);
  });
});

describe('JSON object fields of a request', () => {
  it('hold at most MAX_JSON_FIELD_LENGTH characters of JSON', () => {
    const fits = { text: 'x'.repeat(MAX_JSON_FIELD_LENGTH - 20) };
    expect(JsonObjectInput.safeParse(fits).success).toBe(true);
    expect(messageOf(JsonObjectInput, { text: 'x'.repeat(MAX_JSON_FIELD_LENGTH) })).toMatch(
      /Too large/,
    );
  });
});
