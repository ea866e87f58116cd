import { describe, expect, it } from 'vitest';
import {
  calendarDateToDate,
  compareTimestamps,
  formatDate,
  formatMicros,
  MAX_TIMESTAMP_MICROS,
  MIN_TIMESTAMP_MICROS,
  parseCalendarDate,
  parseTimestamp,
  timestampToDate,
} from './timestamp';

function micros(input: string): bigint {
  const parsed = parseTimestamp(input);
  if (!parsed.ok) throw new Error(`rejected ${input}: ${parsed.reason}`);
  return parsed.micros;
}

describe('parseTimestamp', () => {
  it('keeps microseconds that a Date would drop', () => {
    expect(micros('2024-01-21T16:45:30.123456Z')).toBe(1705855530123456n);
    expect(micros('2024-01-21T16:45:30.123457Z') - micros('2024-01-21T16:45:30.123456Z')).toBe(1n);
  });

  it('reads offsets, including a + that arrived as a space', () => {
    const utc = micros('2024-01-21T11:15:30Z');
    expect(micros('2024-01-21T16:45:30+05:30')).toBe(utc);
    expect(micros('2024-01-21T16:45:30 05:30')).toBe(utc);
    expect(micros('2024-01-21T16:45:30+0530')).toBe(utc);
    expect(micros('2024-01-21T06:45:30-04:30')).toBe(utc);
  });

  it('rejects zone-less, date-only and malformed input', () => {
    expect(parseTimestamp('2024-01-20')).toEqual({ ok: false, reason: 'zone' });
    expect(parseTimestamp('2024-01-20T10:00:00')).toEqual({ ok: false, reason: 'zone' });
    expect(parseTimestamp('yesterday')).toEqual({ ok: false, reason: 'format' });
    expect(parseTimestamp('2024-02-30T10:00:00Z')).toEqual({ ok: false, reason: 'range' });
    expect(parseTimestamp('2024-01-20T25:00:00Z')).toEqual({ ok: false, reason: 'range' });
  });

  // The decisions of the header comment, one line each.
  it('reads every offset form, comma fractions and lowercase t/z to the same instant', () => {
    const utc = micros('2026-01-01T05:00:00Z');
    for (const text of [
      '2026-01-01T10:00:00+05',
      '2026-01-01T10:00:00+0500',
      '2026-01-01T10:00:00+05:00',
      '2026-01-01T10:00+05:00',
      '2026-01-01t05:00:00z',
      '2026-01-01 05:00:00Z',
      '2026-01-01T05:00:00-00:00',
      '2026-01-01T04:00:00-01',
    ]) {
      expect(micros(text), text).toBe(utc);
    }
    expect(micros('2026-01-01T10:00:00,5Z')).toBe(micros('2026-01-01T10:00:00.500000Z'));
    expect(micros('2026-01-01T10:00:00.123456789Z')).toBe(micros('2026-01-01T10:00:00.123456Z'));
  });

  it('accepts exactly the years 0001–9999, as an instant in UTC', () => {
    expect(formatMicros(micros('0001-01-01T00:00:00Z'))).toBe('0001-01-01T00:00:00.000000Z');
    expect(micros('0001-01-01T00:00:00Z')).toBe(MIN_TIMESTAMP_MICROS);
    expect(micros('9999-12-31T23:59:59.999999Z')).toBe(MAX_TIMESTAMP_MICROS);
    expect(formatMicros(MAX_TIMESTAMP_MICROS)).toBe('9999-12-31T23:59:59.999999Z');
    expect(micros('0099-06-01T00:00:00Z')).toBe(BigInt(Date.parse('0099-06-01T00:00:00Z')) * 1000n);
    for (const text of [
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00+00:01',
      '9999-12-31T23:59:59-00:01',
    ]) {
      expect(parseTimestamp(text), text).toEqual({ ok: false, reason: 'year' });
    }
    for (const text of [
      '10000-01-01T00:00:00Z',
      '+010000-01-01T00:00:00Z',
      '-0001-01-01T00:00:00Z',
    ]) {
      expect(parseTimestamp(text), text).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('refuses dates and times that do not exist', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2100-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:60:00Z',
      '2016-12-31T23:59:60Z',
      '2026-01-01T10:00:00+24:00',
      '2026-01-01T10:00:00+05:60',
    ]) {
      expect(parseTimestamp(text), text).toEqual({ ok: false, reason: 'range' });
    }
    expect(micros('2024-02-29T00:00:00Z')).toBe(BigInt(Date.parse('2024-02-29T00:00:00Z')) * 1000n);
    expect(micros('2000-02-29T00:00:00Z')).toBe(BigInt(Date.parse('2000-02-29T00:00:00Z')) * 1000n);
  });

  it('refuses everything else', () => {
    for (const text of [
      ' 2026-01-01T10:00:00Z',
      '2026-01-01T10:00:00Z ',
      '2026-01-01T10:00:00 Z',
      '2026-01-01T10:00:00.Z',
      '2026-01-01T10:00:00.1234567890Z',
      '2026-01-01T10Z',
      '2026-W01-1T10:00:00Z',
      '2026-001T10:00:00Z',
      '20260101T100000Z',
      '2026-01-01T10:00:00 UTC',
      '2026-01-01T10:00:00+5',
      '２０２６-01-01T10:00:00Z',
      `2026-01-01T10:00:00${'0'.repeat(100)}Z`,
    ]) {
      expect(parseTimestamp(text).ok, text).toBe(false);
    }
  });

  it('agrees with Date.parse on every instant both accept', () => {
    for (let i = 0; i < 500; i++) {
      const millis = Math.floor((i / 500 - 0.5) * 2 * 253402300799999);
      const iso = new Date(millis).toISOString();
      if (!/^\d{4}-/.test(iso)) continue;
      expect(micros(iso), iso).toBe(BigInt(millis) * 1000n);
    }
  });
});

describe('parseCalendarDate', () => {
  it('accepts real days of the years 0001–9999 only', () => {
    expect(parseCalendarDate('1970-01-01')).toEqual({ ok: true, days: 0 });
    expect(parseCalendarDate('2024-02-29')).toEqual({ ok: true, days: 19782 });
    expect(calendarDateToDate('0001-01-01').toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(calendarDateToDate('9999-12-31').toISOString()).toBe('9999-12-31T00:00:00.000Z');
    expect(parseCalendarDate('0000-01-01')).toEqual({ ok: false, reason: 'year' });
    for (const text of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-01', '1990-05-00']) {
      expect(parseCalendarDate(text), text).toEqual({ ok: false, reason: 'range' });
    }
    for (const text of [
      '10000-01-01',
      '17/05/1990',
      '1990-5-17',
      ' 1990-05-17',
      '1990-05-17T00:00:00Z',
    ]) {
      expect(parseCalendarDate(text), text).toEqual({ ok: false, reason: 'format' });
    }
  });
});

describe('converting accepted text', () => {
  it('gives the instant as a Date and refuses what the parser refuses', () => {
    expect(timestampToDate('2026-01-01T10:00:00,5+05').toISOString()).toBe(
      '2026-01-01T05:00:00.500Z',
    );
    expect(timestampToDate('0001-01-01T00:00:00.000999Z').toISOString()).toBe(
      '0001-01-01T00:00:00.000Z',
    );
    expect(() => timestampToDate('2026-01-01T10:00:00')).toThrow(RangeError);
    expect(() => calendarDateToDate('0000-01-01')).toThrow(RangeError);
  });
});

describe('formatMicros', () => {
  it('round-trips through parseTimestamp with six digits', () => {
    for (const text of [
      '2024-01-21T16:45:30.123456Z',
      '1970-01-01T00:00:00.000001Z',
      '2099-12-31T23:59:59.999999Z',
    ]) {
      expect(formatMicros(micros(text))).toBe(text);
    }
  });

  it('prints Dates at the same precision', () => {
    expect(formatDate(new Date('2024-01-21T16:45:30.123Z'))).toBe('2024-01-21T16:45:30.123000Z');
  });

  it('compares wire timestamps exactly', () => {
    expect(compareTimestamps('2024-01-21T16:45:30.123456Z', '2024-01-21T16:45:30.123457Z')).toBe(
      -1,
    );
    expect(compareTimestamps('2024-01-21T22:15:30.5+05:30', '2024-01-21T16:45:30.500000Z')).toBe(0);
  });
});
