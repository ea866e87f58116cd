import { describe, expect, it } from 'vitest';
import { bloodPressureObservation, quantityObservation } from './build-observation';
import { EMPTY_VITALS, parseVitals } from './parse-vitals';
import { readObservation } from './read-observation';
import { BLOOD_PRESSURE, QUANTITY_VITALS } from './vital-signs';

const PATIENT = '0190a000-0000-7000-8000-000000000001';
const AT = new Date('2026-03-01T04:30:00.000Z');

/** What the vitals screen stores for a typed form (parse, then one Observation per entry). */
function observationsOf(typed: Partial<typeof EMPTY_VITALS>) {
  const parsed = parseVitals({ ...EMPTY_VITALS, ...typed }, 'Cel');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.entries.map((entry) =>
    entry.kind === 'bloodPressure'
      ? bloodPressureObservation(entry.systolic, entry.diastolic, PATIENT, AT)
      : quantityObservation(entry.vital, entry.value, PATIENT, AT),
  );
}

describe('building FHIR Observations', () => {
  it('makes a final vital-signs Observation of the patient, with LOINC code and UCUM quantity', () => {
    const pulse = QUANTITY_VITALS.find((v) => v.kind === 'pulse')!;
    const observation = quantityObservation(pulse, 72, PATIENT, AT);
    expect(observation).toMatchObject({
      resourceType: 'Observation',
      status: 'final',
      subject: { reference: `Patient/${PATIENT}` },
      effectiveDateTime: '2026-03-01T04:30:00.000Z',
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      valueQuantity: { value: 72, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
    });
    expect(observation.category[0]?.coding[0]?.code).toBe('vital-signs');
  });

  it('puts blood pressure in a panel with systolic then diastolic components and no value', () => {
    const panel = bloodPressureObservation(130, 85, PATIENT, AT);
    expect(panel.code.coding[0]?.code).toBe(BLOOD_PRESSURE.loinc);
    expect(panel).not.toHaveProperty('valueQuantity');
    expect(
      panel.component.map((c) => [
        c.code.coding[0]?.code,
        c.valueQuantity.value,
        c.valueQuantity.code,
      ]),
    ).toEqual([
      ['8480-6', 130, 'mm[Hg]'],
      ['8462-4', 85, 'mm[Hg]'],
    ]);
  });

  it('reads back what it stores: every vital of a full form round-trips', () => {
    const stored = observationsOf({
      systolic: '120',
      diastolic: '80',
      temperature: '37,5',
      pulse: '64',
      spo2: '97',
      weight: '58.2',
    });
    const readings = stored.map((o) => readObservation(o as Record<string, unknown>));
    expect(readings.map((r) => [r?.kind, r?.values, r?.unit])).toEqual([
      ['bloodPressure', [120, 80], 'mm[Hg]'],
      ['temperature', [37.5], 'Cel'],
      ['pulse', [64], '/min'],
      ['spo2', [97], '%'],
      ['weight', [58.2], 'kg'],
    ]);
    expect(readings.every((r) => r?.effective === AT.toISOString())).toBe(true);
  });
});

const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const codesOf = (interpretation: { coding: { system: string; code: string }[] }[] | undefined) =>
  interpretation?.map(
    (c) => `${c.coding[0]?.system === INTERPRETATION ? '' : 'other:'}${c.coding[0]?.code}`,
  );

describe('interpretation codes on built Observations', () => {
  it('flags each blood pressure component, and the panel with the more severe', () => {
    const panel = bloodPressureObservation(185, 95, PATIENT, AT);
    expect(panel.component.map((c) => codesOf(c.interpretation))).toEqual([['HH'], ['H']]);
    expect(codesOf(panel.interpretation)).toEqual(['HH']);
    expect(panel.component[0]?.interpretation[0]?.coding[0]?.display).toBe('Critical high');
    const normal = bloodPressureObservation(118, 76, PATIENT, AT);
    expect(codesOf(normal.interpretation)).toEqual(['N']);
    expect(normal.component.map((c) => codesOf(c.interpretation))).toEqual([['N'], ['N']]);
  });

  it('stores what the form typed: a fever in °F is H, low SpO₂ is L, weight has none', () => {
    const parsed = parseVitals(
      { ...EMPTY_VITALS, temperature: '100.4', spo2: '92', pulse: '72', weight: '70' },
      '[degF]',
    );
    if (!parsed.ok) throw new Error('invalid');
    const stored = parsed.entries.map((entry) =>
      entry.kind === 'quantity' ? quantityObservation(entry.vital, entry.value, PATIENT, AT) : null,
    );
    expect(
      stored.map((o) => [
        o?.code.coding[0]?.code,
        codesOf(o && 'interpretation' in o ? o.interpretation : undefined),
      ]),
    ).toEqual([
      ['8310-5', ['H']],
      ['8867-4', ['N']],
      ['59408-5', ['L']],
      ['29463-7', undefined],
    ]);
  });
});

describe('readObservation', () => {
  it('reads another system’s SpO2 code and unit text, and a panel missing a component', () => {
    expect(
      readObservation({
        code: { coding: [{ system: 'http://loinc.org', code: '2708-6' }] },
        valueQuantity: { value: 95, unit: '%' },
      }),
    ).toMatchObject({ kind: 'spo2', values: [95], unit: '%' });
    expect(
      readObservation({
        code: { coding: [{ code: BLOOD_PRESSURE.loinc }] },
        component: [{ code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 140 } }],
      }),
    ).toMatchObject({ kind: 'bloodPressure', values: [140, null] });
  });

  it('is null for data that is no measurement at all', () => {
    expect(readObservation({ note: 'not a vital' })).toBeNull();
    expect(
      readObservation({ code: { coding: [{ code: '8867-4' }] }, valueQuantity: 'x' }),
    ).toMatchObject({
      kind: 'pulse',
      values: [],
    });
  });
});
