import { BLOOD_PRESSURE, QUANTITY_VITALS, READ_ONLY_VITALS } from './vital-signs';
import type { VitalKind } from './vital-signs';

/** One observation's measurement, as stored (UCUM units); `format-reading.ts` puts it in words. */
export interface VitalReading {
  kind: VitalKind | null;
  /** The code's display text, for a kind this app has no words for. */
  label: string;
  /** One value; blood pressure: systolic then diastolic (null where a component is missing). */
  values: (number | null)[];
  /** UCUM code (or the unit text the sender gave). */
  unit: string;
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

function quantityOf(value: unknown): { value: number; unit: string } | null {
  if (!isObject(value) || typeof value.value !== 'number') return null;
  const unit =
    typeof value.code === 'string' ? value.code : typeof value.unit === 'string' ? value.unit : '';
  return { value: value.value, unit };
}

function componentValue(data: Json, loinc: string): number | null {
  const component = asArray(data.component)
    .filter(isObject)
    .find((c) => codesOf(c.code).includes(loinc));
  return quantityOf(component?.valueQuantity)?.value ?? null;
}

function kindOf(codes: string[]): VitalKind | null {
  const recorded = QUANTITY_VITALS.find(
    (v) => codes.includes(v.loinc) || v.alsoReads.some((c) => codes.includes(c)),
  );
  return recorded?.kind ?? READ_ONLY_VITALS.find((v) => codes.includes(v.loinc))?.kind ?? null;
}

/** Reads a FHIR Observation (as stored in a record's `data`); null if it is not one. */
export function readObservation(data: Json): VitalReading | null {
  const codes = codesOf(data.code);
  const effective = typeof data.effectiveDateTime === 'string' ? data.effectiveDateTime : null;
  if (codes.includes(BLOOD_PRESSURE.loinc)) {
    return {
      kind: 'bloodPressure',
      label: textOf(data.code),
      values: [
        componentValue(data, BLOOD_PRESSURE.systolic.loinc),
        componentValue(data, BLOOD_PRESSURE.diastolic.loinc),
      ],
      unit: BLOOD_PRESSURE.unit,
      effective,
    };
  }
  const kind = kindOf(codes);
  const quantity = quantityOf(data.valueQuantity);
  if (!kind && !quantity) return null;
  return {
    kind,
    label: textOf(data.code),
    values: quantity ? [quantity.value] : [],
    unit: quantity?.unit ?? '',
    effective,
  };
}
