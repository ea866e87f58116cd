import { readNumber, within } from './parse-vitals';
import type { VitalsInput } from './parse-vitals';
import { TEMPERATURE_RANGES, fromCelsius, toCelsius } from './temperature';
import type { TemperatureUnit } from './temperature';
import { LIMITS, bloodPressureCategory, interpret } from './vital-flags';
import type { BloodPressureCategory, FlaggedMeasure, Interpretation } from './vital-flags';
import { BLOOD_PRESSURE, QUANTITY_VITALS } from './vital-signs';

/** What the form shows while values are typed, before anything is saved. */
export interface TypedFlags {
  /** Flags of the fields holding a plausible reading (a typing slip gets the range error on save). */
  fields: Partial<Record<FlaggedMeasure, Interpretation>>;
  /** ACC/AHA category once both blood pressure numbers are plausible. */
  bloodPressure: BloodPressureCategory | null;
}

function plausible(text: string, range: { min: number; max: number }): number | null {
  const value = readNumber(text);
  return value !== null && within(value, range) ? value : null;
}

export function flagTyped(input: VitalsInput, temperatureUnit: TemperatureUnit): TypedFlags {
  const fields: TypedFlags['fields'] = {};
  const systolic = plausible(input.systolic, BLOOD_PRESSURE.systolic);
  const diastolic = plausible(input.diastolic, BLOOD_PRESSURE.diastolic);
  if (systolic !== null) fields.systolic = interpret('systolic', systolic);
  if (diastolic !== null) fields.diastolic = interpret('diastolic', diastolic);
  const temperature = plausible(input.temperature, TEMPERATURE_RANGES[temperatureUnit]);
  if (temperature !== null)
    fields.temperature = interpret('temperature', toCelsius(temperature, temperatureUnit));
  for (const vital of QUANTITY_VITALS) {
    if (vital.kind !== 'pulse' && vital.kind !== 'spo2') continue;
    const value = plausible(input[vital.kind], vital);
    if (value !== null) fields[vital.kind] = interpret(vital.kind, value);
  }
  return {
    fields,
    bloodPressure:
      systolic !== null && diastolic !== null ? bloodPressureCategory(systolic, diastolic) : null,
  };
}

/** A measure's normal adult range in the unit shown (temperature in the reader's unit). */
export function normalRange(
  measure: FlaggedMeasure,
  temperatureUnit: TemperatureUnit,
): { min: number; max: number } {
  const { min, max } = LIMITS[measure].normal;
  if (measure !== 'temperature') return { min, max };
  const shown = (celsius: number) => Math.round(fromCelsius(celsius, temperatureUnit) * 10) / 10;
  return { min: shown(min), max: shown(max) };
}
