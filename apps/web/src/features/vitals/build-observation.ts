import { BLOOD_PRESSURE, LOINC, UCUM } from './vital-signs';
import type { QuantityVital } from './vital-signs';
import { interpret, worstOf } from './vital-flags';
import type { Interpretation } from './vital-flags';

const VITAL_SIGNS_CATEGORY = [
  {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'vital-signs',
        display: 'Vital Signs',
      },
    ],
  },
];

const quantity = (value: number, unit: string) => ({ value, unit, system: UCUM, code: unit });
const concept = (code: string, display: string) => ({
  coding: [{ system: LOINC, code, display }],
  text: display,
});

const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
/** The code system's display for each code. */
const INTERPRETATION_DISPLAY: Record<Interpretation, string> = {
  LL: 'Critical low',
  L: 'Low',
  N: 'Normal',
  H: 'High',
  HH: 'Critical high',
};
const interpretation = (code: Interpretation) => [
  { coding: [{ system: INTERPRETATION_SYSTEM, code, display: INTERPRETATION_DISPLAY[code] }] },
];

function base(patientId: string, effective: Date) {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: VITAL_SIGNS_CATEGORY,
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: effective.toISOString(),
  };
}

export function quantityObservation(
  vital: QuantityVital,
  value: number,
  patientId: string,
  effective: Date,
) {
  return {
    ...base(patientId, effective),
    code: concept(vital.loinc, vital.display),
    valueQuantity: quantity(value, vital.unit),
    // Weight has no adult threshold (it needs height), so it carries no interpretation.
    ...(vital.kind === 'weight'
      ? {}
      : { interpretation: interpretation(interpret(vital.kind, value)) }),
  };
}

/**
 * A blood pressure panel: no value of its own, systolic and diastolic as components, each with
 * its interpretation; the panel's is the more severe of the two.
 */
export function bloodPressureObservation(
  systolic: number,
  diastolic: number,
  patientId: string,
  effective: Date,
) {
  const { unit } = BLOOD_PRESSURE;
  const flags = [interpret('systolic', systolic), interpret('diastolic', diastolic)] as const;
  return {
    ...base(patientId, effective),
    code: concept(BLOOD_PRESSURE.loinc, BLOOD_PRESSURE.display),
    interpretation: interpretation(worstOf(flags)),
    component: [
      {
        code: concept(BLOOD_PRESSURE.systolic.loinc, BLOOD_PRESSURE.systolic.display),
        valueQuantity: quantity(systolic, unit),
        interpretation: interpretation(flags[0]),
      },
      {
        code: concept(BLOOD_PRESSURE.diastolic.loinc, BLOOD_PRESSURE.diastolic.display),
        valueQuantity: quantity(diastolic, unit),
        interpretation: interpretation(flags[1]),
      },
    ],
  };
}
