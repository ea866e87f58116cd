import { describe, expect, it } from 'vitest';
import type { VitalReading } from './read-observation';
import { trendsOf } from './vital-trends';

const reading = (kind: VitalReading['kind'], values: number[], unit: string, day: number) => ({
  kind,
  label: '',
  values,
  unit,
  effective: `2026-03-0${day}T04:30:00.000Z`,
});

describe('trendsOf', () => {
  const readings: VitalReading[] = [
    reading('bloodPressure', [150, 95], 'mm[Hg]', 3),
    reading('bloodPressure', [118, 76], 'mm[Hg]', 1),
    reading('temperature', [38.5], 'Cel', 2),
    reading('weight', [61.5], 'kg', 2),
    reading('weight', [140], '[lb_av]', 3),
    reading('respiratoryRate', [18], '/min', 2),
    { ...reading('pulse', [72], '/min', 1), effective: null },
  ];

  it('orders vitals as the page shows them, readings oldest first, with flags and bands', () => {
    const trends = trendsOf(readings, 'Cel');
    expect(trends.map((t) => t.kind)).toEqual(['bloodPressure', 'weight', 'temperature']);
    const [bp, weight, temperature] = trends;
    expect(bp?.points.map((p) => [p.values, p.flags])).toEqual([
      [
        [118, 76],
        ['N', 'N'],
      ],
      [
        [150, 95],
        ['H', 'H'],
      ],
    ]);
    expect(bp?.bands).toEqual([
      { min: 90, max: 119 },
      { min: 60, max: 79 },
    ]);
    expect(weight).toMatchObject({ unit: 'kg', bands: [], points: [{ values: [61.5] }] });
    expect(temperature).toMatchObject({ unit: 'Cel', points: [{ values: [38.5], flags: ['H'] }] });
  });

  it('shows temperature in the reader’s unit, band included', () => {
    const [, , temperature] = trendsOf(readings, '[degF]');
    expect(temperature?.unit).toBe('[degF]');
    expect(temperature?.points[0]?.values[0]).toBeCloseTo(101.3, 5);
    expect(temperature?.bands).toEqual([{ min: 96.8, max: 100.2 }]);
  });
});
