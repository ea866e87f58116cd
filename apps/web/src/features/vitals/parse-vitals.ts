import { BLOOD_PRESSURE, QUANTITY_VITALS, unitLabel } from './vital-signs';
import type { QuantityVital } from './vital-signs';
import {
  TEMPERATURE_RANGES,
  convertTemperature,
  otherTemperatureUnit,
  toCelsius,
} from './temperature';
import type { TemperatureUnit } from './temperature';

/** The vitals form's inputs as typed (strings; '' = not measured). */
export interface VitalsInput {
  systolic: string;
  diastolic: string;
  temperature: string;
  pulse: string;
  spo2: string;
  weight: string;
}

/** A form with nothing measured yet. */
export const EMPTY_VITALS: VitalsInput = {
  systolic: '',
  diastolic: '',
  temperature: '',
  pulse: '',
  spo2: '',
  weight: '',
};

/** Values in the units Observations keep (temperature in °C, whatever the thermometer showed). */
export type VitalsEntry =
  | { kind: 'bloodPressure'; systolic: number; diastolic: number }
  | { kind: 'quantity'; vital: QuantityVital; value: number };

export type VitalError =
  /** Outside the plausible range; `unit` is the on-screen unit the range is in. */
  { code: 'range'; min: number; max: number; unit: string } | { code: 'pair' } | { code: 'none' };

export type ParsedVitals =
  | { ok: true; entries: VitalsEntry[] }
  | { ok: false; errors: Partial<Record<keyof VitalsInput | 'form', VitalError>> };

/** A temperature typed in the other unit's range: 99 while in °C is surely 99 °F. */
export interface TemperatureOffer {
  typed: number;
  from: TemperatureUnit;
  converted: number;
  to: TemperatureUnit;
}

/** A typed number ('' is null, a decimal comma reads as a point, anything else is NaN). */
export function readNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text.trim().replace(',', '.'));
  return Number.isFinite(value) ? value : NaN;
}

export const within = (value: number, range: { min: number; max: number }) =>
  value >= range.min && value <= range.max;

function numberIn(
  text: string,
  range: { min: number; max: number },
  unit: string,
): number | VitalError | null {
  const value = readNumber(text);
  if (value === null) return null;
  return within(value, range)
    ? value
    : { code: 'range', min: range.min, max: range.max, unit: unitLabel(unit) };
}

/** The conversion to offer for what is typed in the temperature field, if it reads as the other unit. */
export function temperatureOffer(text: string, unit: TemperatureUnit): TemperatureOffer | null {
  const value = readNumber(text);
  const other = otherTemperatureUnit(unit);
  if (value === null || Number.isNaN(value) || !within(value, TEMPERATURE_RANGES[other]))
    return null;
  return { typed: value, from: other, converted: convertTemperature(value, other, unit), to: unit };
}

/**
 * Checks plausible ranges (typing slips, not clinical limits); blood pressure needs both numbers.
 * Temperature is read in `temperatureUnit` and comes out in °C.
 */
export function parseVitals(input: VitalsInput, temperatureUnit: TemperatureUnit): ParsedVitals {
  const errors: Partial<Record<keyof VitalsInput | 'form', VitalError>> = {};
  const entries: VitalsEntry[] = [];
  const { systolic: sRange, diastolic: dRange, unit: bpUnit } = BLOOD_PRESSURE;
  const systolic = numberIn(input.systolic, sRange, bpUnit);
  const diastolic = numberIn(input.diastolic, dRange, bpUnit);
  if (typeof systolic === 'object' && systolic) errors.systolic = systolic;
  if (typeof diastolic === 'object' && diastolic) errors.diastolic = diastolic;
  if (typeof systolic === 'number' && typeof diastolic === 'number') {
    entries.push({ kind: 'bloodPressure', systolic, diastolic });
  } else if (
    (systolic === null) !== (diastolic === null) &&
    !errors.systolic &&
    !errors.diastolic
  ) {
    errors[systolic === null ? 'systolic' : 'diastolic'] = { code: 'pair' };
  }
  for (const vital of QUANTITY_VITALS) {
    const temperature = vital.kind === 'temperature';
    const value = temperature
      ? numberIn(input.temperature, TEMPERATURE_RANGES[temperatureUnit], temperatureUnit)
      : numberIn(input[vital.kind], vital, vital.unit);
    if (typeof value === 'number') {
      entries.push({
        kind: 'quantity',
        vital,
        value: temperature ? toCelsius(value, temperatureUnit) : value,
      });
    } else if (value) errors[vital.kind] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (entries.length === 0) return { ok: false, errors: { form: { code: 'none' } } };
  return { ok: true, entries };
}
