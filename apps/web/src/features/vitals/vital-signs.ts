/**
 * The vital signs a health worker records, as FHIR R4 Observations: LOINC codes, UCUM units
 * (http://unitsofmeasure.org), category `vital-signs` (FHIR's vital signs profile).
 */
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';

/** What the form records. */
export type RecordedVitalKind = 'bloodPressure' | 'temperature' | 'pulse' | 'spo2' | 'weight';
/** What the vitals list can show: the recorded ones, and ones other systems send. */
export type VitalKind = RecordedVitalKind | 'respiratoryRate' | 'height';

export interface QuantityVital {
  kind: Exclude<RecordedVitalKind, 'bloodPressure'>;
  loinc: string;
  /** Other LOINC codes read as this vital (e.g. SpO2 by pulse oximetry or arterial). */
  alsoReads: readonly string[];
  display: string;
  unit: string;
  min: number;
  max: number;
  step: number;
}

export const BLOOD_PRESSURE = {
  kind: 'bloodPressure',
  loinc: '85354-9',
  display: 'Blood pressure panel with all children optional',
  unit: 'mm[Hg]',
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', min: 50, max: 300 },
  diastolic: { loinc: '8462-4', display: 'Diastolic blood pressure', min: 20, max: 200 },
} as const;

export const QUANTITY_VITALS: readonly QuantityVital[] = [
  {
    kind: 'temperature',
    loinc: '8310-5',
    alsoReads: [],
    display: 'Body temperature',
    unit: 'Cel',
    min: 30,
    max: 45,
    step: 0.1,
  },
  {
    kind: 'pulse',
    loinc: '8867-4',
    alsoReads: [],
    display: 'Heart rate',
    unit: '/min',
    min: 20,
    max: 250,
    step: 1,
  },
  {
    kind: 'spo2',
    loinc: '59408-5',
    alsoReads: ['2708-6'],
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    unit: '%',
    min: 50,
    max: 100,
    step: 1,
  },
  {
    kind: 'weight',
    loinc: '29463-7',
    alsoReads: [],
    display: 'Body weight',
    unit: 'kg',
    min: 0.3,
    max: 400,
    step: 0.1,
  },
];

/** Vitals this app does not record but shows when another system sends them (LOINC vital signs). */
export const READ_ONLY_VITALS: readonly { kind: VitalKind; loinc: string }[] = [
  { kind: 'respiratoryRate', loinc: '9279-1' },
  { kind: 'height', loinc: '8302-2' },
];

/** How each UCUM unit reads on screen. */
export const UNIT_LABELS: Record<string, string> = {
  'mm[Hg]': 'mmHg',
  Cel: '°C',
  '[degF]': '°F',
  '/min': '/min',
  '%': '%',
  kg: 'kg',
  cm: 'cm',
};

export function unitLabel(ucum: string): string {
  return UNIT_LABELS[ucum] ?? ucum;
}
