import { describe, expect, it } from 'vitest';
import { EMPTY_VITALS, parseVitals, temperatureOffer } from './parse-vitals';
import type { VitalsInput } from './parse-vitals';
import { convertTemperature, fromCelsius, toCelsius } from './temperature';

const input = (values: Partial<VitalsInput>): VitalsInput => ({ ...EMPTY_VITALS, ...values });

const storedTemperature = (values: Partial<VitalsInput>, unit: 'Cel' | '[degF]') => {
  const parsed = parseVitals(input(values), unit);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const entry = parsed.entries.find((e) => e.kind === 'quantity');
  return entry?.kind === 'quantity' ? { value: entry.value, unit: entry.vital.unit } : null;
};

describe('temperature units', () => {
  it('converts between °C and °F, keeping a °F reading exact to its 0.1 step', () => {
    expect(toCelsius(99, '[degF]')).toBe(37.22);
    expect(toCelsius(98.6, '[degF]')).toBe(37);
    expect(toCelsius(37.5, 'Cel')).toBe(37.5);
    for (const reading of [96.8, 98.4, 99.1, 100.3, 104.9]) {
      expect(Math.round(fromCelsius(toCelsius(reading, '[degF]'), '[degF]') * 10) / 10).toBe(
        reading,
      );
    }
    expect(convertTemperature(99, '[degF]', 'Cel')).toBe(37.2);
    expect(convertTemperature(37, 'Cel', '[degF]')).toBe(98.6);
  });

  it('stores °C with the UCUM code Cel whichever unit was typed', () => {
    expect(storedTemperature({ temperature: '37.2' }, 'Cel')).toEqual({ value: 37.2, unit: 'Cel' });
    expect(storedTemperature({ temperature: '99' }, '[degF]')).toEqual({
      value: 37.22,
      unit: 'Cel',
    });
    expect(storedTemperature({ temperature: '98,6' }, '[degF]')).toEqual({
      value: 37,
      unit: 'Cel',
    });
  });

  it('offers a conversion for a value in the other unit’s range instead of only refusing it', () => {
    expect(temperatureOffer('99', 'Cel')).toEqual({
      typed: 99,
      from: '[degF]',
      converted: 37.2,
      to: 'Cel',
    });
    expect(temperatureOffer('37', '[degF]')).toEqual({
      typed: 37,
      from: 'Cel',
      converted: 98.6,
      to: '[degF]',
    });
    expect(temperatureOffer('37', 'Cel')).toBeNull();
    expect(temperatureOffer('60', 'Cel')).toBeNull();
    expect(temperatureOffer('', 'Cel')).toBeNull();
  });

  it('refuses an implausible temperature with the range in the unit on screen', () => {
    expect(parseVitals(input({ temperature: '99' }), 'Cel')).toEqual({
      ok: false,
      errors: { temperature: { code: 'range', min: 30, max: 45, unit: '°C' } },
    });
    expect(parseVitals(input({ temperature: '50' }), '[degF]')).toEqual({
      ok: false,
      errors: { temperature: { code: 'range', min: 86, max: 113, unit: '°F' } },
    });
  });
});

describe('parseVitals', () => {
  it('names the unit of every range error', () => {
    const parsed = parseVitals(
      input({ systolic: '20', diastolic: '80', spo2: '120', weight: '900' }),
      'Cel',
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        systolic: { code: 'range', min: 50, max: 300, unit: 'mmHg' },
        spo2: { code: 'range', min: 50, max: 100, unit: '%' },
        weight: { code: 'range', min: 0.3, max: 400, unit: 'kg' },
      },
    });
  });

  it('needs both blood pressure numbers, and at least one measurement', () => {
    expect(parseVitals(input({ systolic: '120' }), 'Cel')).toEqual({
      ok: false,
      errors: { diastolic: { code: 'pair' } },
    });
    expect(parseVitals(input({}), 'Cel')).toEqual({
      ok: false,
      errors: { form: { code: 'none' } },
    });
  });

  it('keeps weight in kg and blood pressure in mmHg as typed', () => {
    const parsed = parseVitals(input({ systolic: '128', diastolic: '84', weight: '52.5' }), 'Cel');
    expect(parsed.ok && parsed.entries).toEqual([
      { kind: 'bloodPressure', systolic: 128, diastolic: 84 },
      expect.objectContaining({
        kind: 'quantity',
        value: 52.5,
        vital: expect.objectContaining({ unit: 'kg' }),
      }),
    ]);
  });
});
