import type { VitalReading } from './read-observation';
import { isTemperatureUnit, toCelsius } from './temperature';

/**
 * Flags for readings outside standard adult thresholds, as FHIR R4 interpretation codes
 * (http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation). One pure function flags
 * both what the form is about to save and readings stored without an interpretation.
 * Adult, resting thresholds only: children and pregnancy have other limits, and weight needs
 * height (BMI), so weight is never flagged.
 */
export type Interpretation = 'LL' | 'L' | 'N' | 'H' | 'HH';
export type FlaggedMeasure = 'systolic' | 'diastolic' | 'temperature' | 'pulse' | 'spo2';

interface Limits {
  /** First matching rule wins; no match is normal. */
  rules: readonly [Exclude<Interpretation, 'N'>, (value: number) => boolean][];
  /** The normal values, for the chart's shaded band and the form's hint (temperature in °C). */
  normal: { min: number; max: number };
}

export const LIMITS: Record<FlaggedMeasure, Limits> = {
  // 2017 ACC/AHA High Blood Pressure Guideline (Whelton et al., Hypertension 2018;71:e13):
  // normal < 120/< 80; elevated 120–129/< 80; stage 1 130–139 or 80–89; stage 2 ≥ 140 or ≥ 90;
  // hypertensive crisis > 180 and/or > 120. Hypotension: below 90/60 mmHg (American Heart
  // Association, "Low blood pressure – when blood pressure is too low").
  systolic: {
    rules: [
      ['HH', (v) => v > 180],
      ['H', (v) => v >= 120],
      ['L', (v) => v < 90],
    ],
    normal: { min: 90, max: 119 },
  },
  diastolic: {
    rules: [
      ['HH', (v) => v > 120],
      ['H', (v) => v >= 80],
      ['L', (v) => v < 60],
    ],
    normal: { min: 60, max: 79 },
  },
  // Fever: 38 °C and above (WHO IMCI; NICE NG143). Very high: 39.1 °C and above (NEWS2, Royal
  // College of Physicians 2017, scores it 2). Low: below 36.0 °C (NICE CG65's threshold for
  // hypothermia in adults). Very low: below 35 °C (clinical hypothermia).
  temperature: {
    rules: [
      ['HH', (v) => v >= 39.1],
      ['H', (v) => v >= 38],
      ['LL', (v) => v < 35],
      ['L', (v) => v < 36],
    ],
    normal: { min: 36, max: 37.9 },
  },
  // Resting adult heart rate 60–100 /min (American Heart Association). Very low ≤ 40 and very
  // high ≥ 131 are the NEWS2 (RCP 2017) bands that score 3.
  pulse: {
    rules: [
      ['HH', (v) => v >= 131],
      ['H', (v) => v > 100],
      ['LL', (v) => v <= 40],
      ['L', (v) => v < 60],
    ],
    normal: { min: 60, max: 100 },
  },
  // Below 94 %: under the British Thoracic Society's 2017 target range (94–98 %) for adults not
  // at risk of hypercapnia. Below 90 %: severe (WHO, Clinical management of COVID-19, 2023).
  spo2: {
    rules: [
      ['LL', (v) => v < 90],
      ['L', (v) => v < 94],
    ],
    normal: { min: 94, max: 100 },
  },
};

/** One measurement in its stored unit (temperature in °C). */
export function interpret(measure: FlaggedMeasure, value: number): Interpretation {
  return LIMITS[measure].rules.find(([, matches]) => matches(value))?.[0] ?? 'N';
}

/** HH and LL outrank H and L, which outrank N. */
const SEVERITY: Record<Interpretation, number> = { N: 0, H: 1, L: 1, HH: 2, LL: 2 };

/** The most severe of several flags (a blood pressure panel's, from its two numbers). */
export function worstOf(flags: readonly Interpretation[]): Interpretation {
  return flags.reduce<Interpretation>(
    (worst, f) => (SEVERITY[f] > SEVERITY[worst] ? f : worst),
    'N',
  );
}

export const isAbnormal = (flag: Interpretation | null): boolean => flag !== null && flag !== 'N';

/**
 * Each value's flag (aligned with `reading.values`); null where a value is missing or its vital is
 * not flagged (weight, kinds this app does not record, a temperature in a unit it cannot read).
 */
export function flagReading(reading: VitalReading): (Interpretation | null)[] {
  const flag = (measure: FlaggedMeasure, value: number | null) =>
    value === null ? null : interpret(measure, value);
  switch (reading.kind) {
    case 'bloodPressure':
      return [
        flag('systolic', reading.values[0] ?? null),
        flag('diastolic', reading.values[1] ?? null),
      ];
    case 'temperature':
      return reading.values.map((v) =>
        v !== null && isTemperatureUnit(reading.unit)
          ? flag('temperature', toCelsius(v, reading.unit))
          : null,
      );
    case 'pulse':
    case 'spo2': {
      const measure = reading.kind;
      return reading.values.map((v) => flag(measure, v));
    }
    default:
      return reading.values.map(() => null);
  }
}

/** ACC/AHA 2017 category of a blood pressure (the higher category of the two numbers wins). */
export type BloodPressureCategory = 'low' | 'normal' | 'elevated' | 'stage1' | 'stage2' | 'crisis';

export function bloodPressureCategory(systolic: number, diastolic: number): BloodPressureCategory {
  if (systolic > 180 || diastolic > 120) return 'crisis';
  if (systolic >= 140 || diastolic >= 90) return 'stage2';
  if (systolic >= 130 || diastolic >= 80) return 'stage1';
  if (systolic >= 120) return 'elevated';
  if (systolic < 90 || diastolic < 60) return 'low';
  return 'normal';
}
