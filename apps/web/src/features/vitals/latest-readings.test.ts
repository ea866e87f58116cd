import { describe, expect, it } from 'vitest';
import type { HealthRecord } from '@healthsync/contracts';
import { latestReadings } from './latest-readings';

const pulse = (id: string, effective: string | undefined, createdAt = '2026-01-01T00:00:00Z') =>
  ({
    id,
    patient: 'p1',
    resource_type: 'Observation',
    created_at: createdAt,
    data: {
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      valueQuantity: { value: 80 },
      ...(effective ? { effectiveDateTime: effective } : {}),
    },
  }) as unknown as HealthRecord;

const latestId = (records: HealthRecord[]) =>
  latestReadings(records, (_r, reading) => reading.kind).get('pulse')?.record.id;

describe('latestReadings', () => {
  it('keeps the reading taken last, whatever order the records come in', () => {
    const early = pulse('a', '2026-03-01T08:00:00+05:30');
    const late = pulse('b', '2026-03-01T03:00:00Z'); // 08:30 in India: later than `a`
    expect(latestId([late, early])).toBe('b');
    expect(latestId([early, late])).toBe('b');
  });

  it('takes the record’s creation when the reading has no time, and the first of a tie', () => {
    const untimed = pulse('a', undefined, '2026-03-02T00:00:00Z');
    expect(latestId([pulse('b', '2026-03-01T00:00:00Z'), untimed])).toBe('a');
    const tie = pulse('c', '2026-03-02T00:00:00.000Z');
    expect(latestId([untimed, tie])).toBe('a');
    expect(latestId([tie, untimed])).toBe('c');
  });

  it('counts an unreadable time as the oldest, and leaves out what the group excludes', () => {
    expect(latestId([pulse('a', 'yesterday'), pulse('b', '2020-01-01T00:00:00Z')])).toBe('b');
    expect(latestReadings([pulse('a', '2026-03-01T00:00:00Z')], () => null).size).toBe(0);
  });
});
