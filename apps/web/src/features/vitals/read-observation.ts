import { BLOOD_PRESSURE, QUANTITY_VITALS, UNIT_LABELS } from './vital-signs';
import type { VitalKind } from './vital-signs';

/** One observation as a line on screen. */
export interface VitalReading {
  kind: VitalKind | null;
  /** The code's display text when the kind is not one we know. */
  label: string;
  value: string;
  effective: string | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function codesOf(concept: unknown): string[] {
  if (!isObject(concept)) return [];
  return asArray(concept.coding)
    .filter(isObject)
    .map((coding) => coding.code)
    .filter((code): code is string => typeof code === 'string');
}

function textOf(concept: unknown): string {
  if (!isObject(concept)) return '';
  if (typeof concept.text === 'string') return concept.text;
  const first = asArray(concept.coding).find(isObject);
  return first && typeof first.display === 'string' ? first.display : '';
}

function quantityText(value: unknown): string | null {
  if (!isObject(value) || typeof value.value !== 'number') return null;
  const unit =
    typeof value.code === 'string' ? value.code : typeof value.unit === 'string' ? value.unit : '';
  return `${value.value} ${UNIT_LABELS[unit] ?? unit}`.trim();
}

function componentValue(data: Json, loinc: string): number | null {
  const component = asArray(data.component)
    .filter(isObject)
    .find((c) => codesOf(c.code).includes(loinc));
  const quantity = component?.valueQuantity;
  return isObject(quantity) && typeof quantity.value === 'number' ? quantity.value : null;
}

/** Reads a FHIR Observation (as stored in a record's `data`); null if it is not one. */
export function readObservation(data: Json): VitalReading | null {
  const codes = codesOf(data.code);
  const effective = typeof data.effectiveDateTime === 'string' ? data.effectiveDateTime : null;
  if (codes.includes(BLOOD_PRESSURE.loinc)) {
    const systolic = componentValue(data, BLOOD_PRESSURE.systolic.loinc);
    const diastolic = componentValue(data, BLOOD_PRESSURE.diastolic.loinc);
    return {
      kind: 'bloodPressure',
      label: textOf(data.code),
      value: `${systolic ?? '–'}/${diastolic ?? '–'} ${UNIT_LABELS[BLOOD_PRESSURE.unit]}`,
      effective,
    };
  }
  const vital = QUANTITY_VITALS.find(
    (v) => codes.includes(v.loinc) || v.alsoReads.some((c) => codes.includes(c)),
  );
  const value = quantityText(data.valueQuantity);
  if (!vital && !value) return null;
  return { kind: vital?.kind ?? null, label: textOf(data.code), value: value ?? '', effective };
}
