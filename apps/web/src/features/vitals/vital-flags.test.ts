import { describe, expect, it } from 'vitest';
import type { VitalReading } from './read-observation';
import { bloodPressureCategory, flagReading, interpret, worstOf } from './vital-flags';
import type { FlaggedMeasure, Interpretation } from './vital-flags';

/** [value, expected flag]: each threshold and its neighbour on the other side. */
const BOUNDARIES: Record<FlaggedMeasure, [number, Interpretation][]> = {
  systolic: [
    [89, 'L'],
    [90, 'N'],
    [119, 'N'],
    [120, 'H'],
    [180, 'H'],
    [181, 'HH'],
  ],
  diastolic: [
    [59, 'L'],
    [60, 'N'],
    [79, 'N'],
    [80, 'H'],
    [120, 'H'],
    [121, 'HH'],
  ],
  temperature: [
    [34.9, 'LL'],
    [35, 'L'],
    [35.99, 'L'],
    [36, 'N'],
    [37.9, 'N'],
    [38, 'H'],
    [39, 'H'],
    [39.1, 'HH'],
  ],
  pulse: [
    [40, 'LL'],
    [41, 'L'],
    [59, 'L'],
    [60, 'N'],
    [100, 'N'],
    [101, 'H'],
    [130, 'H'],
    [131, 'HH'],
  ],
  spo2: [
    [89, 'LL'],
    [90, 'L'],
    [93, 'L'],
    [94, 'N'],
    [100, 'N'],
  ],
};

describe('interpret: adult thresholds', () => {
  for (const [measure, cases] of Object.entries(BOUNDARIES) as [
    FlaggedMeasure,
    [number, Interpretation][],
  ][]) {
    it.each(cases)(`${measure} %s is %s`, (value, expected) => {
      expect(interpret(measure, value)).toBe(expected);
    });
  }
});

describe('worstOf', () => {
  it('ranks critical over high or low over normal', () => {
    expect(worstOf(['N', 'N'])).toBe('N');
    expect(worstOf(['N', 'L'])).toBe('L');
    expect(worstOf(['H', 'HH'])).toBe('HH');
    expect(worstOf(['LL', 'H'])).toBe('LL');
  });
});

const reading = (partial: Partial<VitalReading>): VitalReading => ({
  kind: null,
  label: '',
  values: [],
  unit: '',
  effective: null,
  ...partial,
});

describe('flagReading: readings stored without an interpretation', () => {
  it('flags each number of a blood pressure, and none that is missing', () => {
    expect(
      flagReading(reading({ kind: 'bloodPressure', values: [150, 70], unit: 'mm[Hg]' })),
    ).toEqual(['H', 'N']);
    expect(flagReading(reading({ kind: 'bloodPressure', values: [85, null] }))).toEqual([
      'L',
      null,
    ]);
  });

  it('reads a temperature stored in °F in °C', () => {
    expect(flagReading(reading({ kind: 'temperature', values: [100.4], unit: '[degF]' }))).toEqual([
      'H',
    ]);
    expect(flagReading(reading({ kind: 'temperature', values: [37], unit: 'Cel' }))).toEqual(['N']);
    expect(flagReading(reading({ kind: 'temperature', values: [37], unit: 'K' }))).toEqual([null]);
  });

  it('flags pulse and SpO₂, never weight or vitals it has no thresholds for', () => {
    expect(flagReading(reading({ kind: 'pulse', values: [112] }))).toEqual(['H']);
    expect(flagReading(reading({ kind: 'spo2', values: [91] }))).toEqual(['L']);
    expect(flagReading(reading({ kind: 'weight', values: [140] }))).toEqual([null]);
    expect(flagReading(reading({ kind: 'respiratoryRate', values: [40] }))).toEqual([null]);
  });
});

describe('bloodPressureCategory (ACC/AHA 2017)', () => {
  it.each([
    [119, 79, 'normal'],
    [120, 79, 'elevated'],
    [129, 79, 'elevated'],
    [130, 70, 'stage1'],
    [118, 80, 'stage1'],
    [139, 89, 'stage1'],
    [140, 70, 'stage2'],
    [110, 90, 'stage2'],
    [180, 120, 'stage2'],
    [181, 100, 'crisis'],
    [150, 121, 'crisis'],
    [89, 70, 'low'],
    [100, 59, 'low'],
    [85, 95, 'stage2'],
  ] as const)('%s/%s is %s', (systolic, diastolic, expected) => {
    expect(bloodPressureCategory(systolic, diastolic)).toBe(expected);
  });
});
