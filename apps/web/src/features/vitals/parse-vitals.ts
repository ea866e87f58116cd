import { BLOOD_PRESSURE, QUANTITY_VITALS } from './vital-signs';
import type { QuantityVital } from './vital-signs';

/** The vitals form's inputs as typed (strings; '' = not measured). */
export interface VitalsInput {
  systolic: string;
  diastolic: string;
  temperature: string;
  pulse: string;
  spo2: string;
  weight: string;
}

export type VitalsEntry =
  | { kind: 'bloodPressure'; systolic: number; diastolic: number }
  | { kind: 'quantity'; vital: QuantityVital; value: number };

export type VitalError =
  { code: 'range'; min: number; max: number } | { code: 'pair' } | { code: 'none' };

export type ParsedVitals =
  | { ok: true; entries: VitalsEntry[] }
  | { ok: false; errors: Partial<Record<keyof VitalsInput | 'form', VitalError>> };

function numberIn(text: string, min: number, max: number): number | VitalError | null {
  if (text.trim() === '') return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) && value >= min && value <= max
    ? value
    : { code: 'range', min, max };
}

/** Checks plausible ranges (typing slips, not clinical limits); blood pressure needs both numbers. */
export function parseVitals(input: VitalsInput): ParsedVitals {
  const errors: Partial<Record<keyof VitalsInput | 'form', VitalError>> = {};
  const entries: VitalsEntry[] = [];
  const { systolic: sRange, diastolic: dRange } = BLOOD_PRESSURE;
  const systolic = numberIn(input.systolic, sRange.min, sRange.max);
  const diastolic = numberIn(input.diastolic, dRange.min, dRange.max);
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
    const value = numberIn(input[vital.kind], vital.min, vital.max);
    if (typeof value === 'number') entries.push({ kind: 'quantity', vital, value });
    else if (value) errors[vital.kind] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (entries.length === 0) return { ok: false, errors: { form: { code: 'none' } } };
  return { ok: true, entries };
}
