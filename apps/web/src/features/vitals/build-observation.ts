import { BLOOD_PRESSURE, LOINC, UCUM } from './vital-signs';
import type { QuantityVital } from './vital-signs';

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
  };
}

/** A blood pressure panel: no value of its own, systolic and diastolic as components. */
export function bloodPressureObservation(
  systolic: number,
  diastolic: number,
  patientId: string,
  effective: Date,
) {
  const { unit } = BLOOD_PRESSURE;
  return {
    ...base(patientId, effective),
    code: concept(BLOOD_PRESSURE.loinc, BLOOD_PRESSURE.display),
    component: [
      {
        code: concept(BLOOD_PRESSURE.systolic.loinc, BLOOD_PRESSURE.systolic.display),
        valueQuantity: quantity(systolic, unit),
      },
      {
        code: concept(BLOOD_PRESSURE.diastolic.loinc, BLOOD_PRESSURE.diastolic.display),
        valueQuantity: quantity(diastolic, unit),
      },
    ],
  };
}
