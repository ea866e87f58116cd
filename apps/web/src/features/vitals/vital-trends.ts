import type { VitalReading } from './read-observation';
import type { TemperatureUnit } from './temperature';
import { fromCelsius, isTemperatureUnit, toCelsius } from './temperature';
import { normalRange } from './typed-flags';
import { flagReading } from './vital-flags';
import type { FlaggedMeasure, Interpretation } from './vital-flags';
import { BLOOD_PRESSURE, QUANTITY_VITALS } from './vital-signs';
import type { RecordedVitalKind } from './vital-signs';

/** One reading on a trend chart, in the unit shown. */
export interface TrendPoint {
  /** When it was measured, in ms. */
  at: number;
  /** One value; blood pressure: systolic then diastolic. */
  values: (number | null)[];
  flags: (Interpretation | null)[];
  reading: VitalReading;
}

/** A vital's readings over time, oldest first, with its normal band(s) in the unit shown. */
export interface Trend {
  kind: RecordedVitalKind;
  /** UCUM unit shown (temperature in the reader's unit). */
  unit: string;
  /** One band per series; empty for weight, which has no adult threshold. */
  bands: { min: number; max: number }[];
  points: TrendPoint[];
}

/** In the order the patient page shows them. */
const ORDER: RecordedVitalKind[] = ['bloodPressure', 'weight', 'temperature', 'pulse', 'spo2'];
const MEASURES: Record<RecordedVitalKind, FlaggedMeasure[]> = {
  bloodPressure: ['systolic', 'diastolic'],
  weight: [],
  temperature: ['temperature'],
  pulse: ['pulse'],
  spo2: ['spo2'],
};

const storedUnit = (kind: RecordedVitalKind) =>
  kind === 'bloodPressure'
    ? BLOOD_PRESSURE.unit
    : (QUANTITY_VITALS.find((v) => v.kind === kind)?.unit ?? '');

/** The reading's values in the unit shown; null if it is in a unit the chart cannot show. */
function shownValues(
  reading: VitalReading,
  kind: RecordedVitalKind,
  temperatureUnit: TemperatureUnit,
): (number | null)[] | null {
  if (kind === 'temperature') {
    const unit = reading.unit;
    if (!isTemperatureUnit(unit)) return null;
    return reading.values.map((v) =>
      v === null ? null : fromCelsius(toCelsius(v, unit), temperatureUnit),
    );
  }
  return reading.unit === storedUnit(kind) ? reading.values : null;
}

/**
 * Each recorded vital with at least one reading that has a time and a value, as a trend. Flags
 * come from the values (the same function as the form's), so readings stored before
 * interpretations were recorded are flagged too.
 */
export function trendsOf(readings: VitalReading[], temperatureUnit: TemperatureUnit): Trend[] {
  return ORDER.flatMap((kind) => {
    const points = readings.flatMap((reading): TrendPoint[] => {
      const at = reading.effective ? Date.parse(reading.effective) : NaN;
      if (reading.kind !== kind || Number.isNaN(at)) return [];
      const values = shownValues(reading, kind, temperatureUnit);
      if (!values || values.every((v) => v === null)) return [];
      return [{ at, values, flags: flagReading(reading), reading }];
    });
    if (points.length === 0) return [];
    points.sort((a, b) => a.at - b.at);
    return [
      {
        kind,
        unit: kind === 'temperature' ? temperatureUnit : storedUnit(kind),
        bands: MEASURES[kind].map((m) => normalRange(m, temperatureUnit)),
        points,
      },
    ];
  });
}
