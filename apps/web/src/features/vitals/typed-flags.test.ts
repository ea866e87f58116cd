import { describe, expect, it } from 'vitest';
import { EMPTY_VITALS } from './parse-vitals';
import { flagTyped, normalRange } from './typed-flags';

describe('flagTyped: the form flags values as they are typed', () => {
  it('flags a high blood pressure and gives its ACC/AHA category once both numbers are in', () => {
    expect(flagTyped({ ...EMPTY_VITALS, systolic: '165' }, 'Cel')).toEqual({
      fields: { systolic: 'H' },
      bloodPressure: null,
    });
    expect(flagTyped({ ...EMPTY_VITALS, systolic: '165', diastolic: '100' }, 'Cel')).toEqual({
      fields: { systolic: 'H', diastolic: 'H' },
      bloodPressure: 'stage2',
    });
  });

  it('reads temperature in the chosen unit, and a decimal comma', () => {
    expect(flagTyped({ ...EMPTY_VITALS, temperature: '100,4' }, '[degF]').fields).toEqual({
      temperature: 'H',
    });
    expect(flagTyped({ ...EMPTY_VITALS, temperature: '37.2' }, 'Cel').fields).toEqual({
      temperature: 'N',
    });
  });

  it('does not flag a typing slip (outside the plausible range) or weight', () => {
    expect(
      flagTyped(
        { ...EMPTY_VITALS, pulse: '720', spo2: '9', weight: '300', temperature: '99' },
        'Cel',
      ),
    ).toEqual({ fields: {}, bloodPressure: null });
    expect(flagTyped({ ...EMPTY_VITALS, pulse: '48', spo2: '88' }, 'Cel').fields).toEqual({
      pulse: 'L',
      spo2: 'LL',
    });
  });
});

describe('normalRange', () => {
  it('shows the temperature band in the reader’s unit', () => {
    expect(normalRange('temperature', 'Cel')).toEqual({ min: 36, max: 37.9 });
    expect(normalRange('temperature', '[degF]')).toEqual({ min: 96.8, max: 100.2 });
    expect(normalRange('pulse', '[degF]')).toEqual({ min: 60, max: 100 });
  });
});
