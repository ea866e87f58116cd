import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate';
import { bloodPressureObservation, quantityObservation } from './build-observation';
import { flagText, formatReading } from './format-reading';
import { readObservation } from './read-observation';
import { QUANTITY_VITALS } from './vital-signs';

const at = new Date('2024-12-05T04:30:00Z');
const vital = (kind: string) => {
  const found = QUANTITY_VITALS.find((v) => v.kind === kind);
  if (!found) throw new Error(kind);
  return found;
};
const read = (data: Record<string, unknown>) => {
  const reading = readObservation(data);
  if (!reading) throw new Error('not an observation');
  return reading;
};

describe('formatReading', () => {
  const temperature = read(quantityObservation(vital('temperature'), 37.22, 'p1', at));

  it('shows a stored °C temperature in the reader’s thermometer unit', () => {
    expect(formatReading(temperature, translator('en'), 'Cel')).toBe('Temperature: 37.2 °C');
    expect(formatReading(temperature, translator('en'), '[degF]')).toBe('Temperature: 99 °F');
    expect(formatReading(temperature, translator('hi'), '[degF]')).toBe('तापमान: 99 °F');
  });

  it('reads a temperature another system stored in °F', () => {
    const fahrenheit = read({
      code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] },
      valueQuantity: {
        value: 100.4,
        unit: '°F',
        system: 'http://unitsofmeasure.org',
        code: '[degF]',
      },
    });
    expect(formatReading(fahrenheit, translator('pa'), 'Cel')).toBe('ਤਾਪਮਾਨ: 38 °C');
  });

  it('labels blood pressure and other vitals in each language', () => {
    const bp = read(bloodPressureObservation(128, 84, 'p1', at));
    expect(formatReading(bp, translator('en'), 'Cel')).toBe('Blood pressure: 128/84 mmHg');
    expect(formatReading(bp, translator('hi'), 'Cel')).toBe('बीपी (ब्लड प्रेशर): 128/84 mmHg');
    expect(formatReading(bp, translator('pa'), 'Cel')).toBe('ਬੀਪੀ (ਬਲੱਡ ਪ੍ਰੈਸ਼ਰ): 128/84 mmHg');
    const weight = read(quantityObservation(vital('weight'), 52.5, 'p1', at));
    expect(formatReading(weight, translator('pa'), 'Cel')).toBe('ਭਾਰ: 52.5 kg');
  });

  it('names vitals other systems send instead of showing their English LOINC name', () => {
    const breathing = read({
      code: {
        coding: [{ system: 'http://loinc.org', code: '9279-1', display: 'Respiratory rate' }],
      },
      valueQuantity: { value: 22, code: '/min' },
    });
    expect(formatReading(breathing, translator('hi'), 'Cel')).toBe('साँस की दर: 22 /min');
  });

  it('puts a flag in words: one word when both BP numbers agree, each number otherwise', () => {
    expect(flagText(['H', 'H'], translator('en'))).toBe('High');
    expect(flagText(['HH', 'N'], translator('en'))).toBe('Upper: Very high, lower: Normal');
    expect(flagText(['L'], translator('pa'))).toBe('ਘੱਟ');
    expect(flagText([null], translator('hi'))).toBe('—');
  });
});
