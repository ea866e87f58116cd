import { describe, expect, it } from 'vitest';
import { compareTimestamps, formatDate, formatMicros, parseTimestamp } from './timestamp';

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
