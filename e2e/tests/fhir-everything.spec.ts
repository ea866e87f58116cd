import { expect, test } from '@playwright/test';
import { fhirProblemsOf } from '@healthsync/api/fhir-validator';
import { ACCOUNTS } from './support/accounts';
import { Api } from './support/api';
import {
  openFromNav,
  reloadOffline,
  signIn,
  uniqueName,
  waitForServiceWorker,
  waitUntilSynced,
} from './support/app';
import { recordVitals, registerPatient } from './support/screens';

type Observation = {
  resourceType: 'Observation';
  code: { coding: { system: string; code: string }[] };
  subject?: { reference?: string };
  valueQuantity?: { value: number; unit?: string };
  component?: { code: { coding: { code: string }[] }; valueQuantity: { value: number } }[];
};
type Bundle = {
  resourceType: 'Bundle';
  type: string;
  entry?: { resource: { resourceType: string } }[];
};

const loincOf = (o: Observation) =>
  o.code.coding.find((c) => c.system === 'http://loinc.org')?.code;

// Vitals recorded on a phone with no connection reach a FHIR-only client once the phone syncs:
// the API's Patient/$everything holds them as valid R4 Observations.
test('vitals recorded offline in the PWA are in Patient/$everything after sync, valid FHIR R4', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(90_000);
  await signIn(page, ACCOUNTS.doctor);
  await waitForServiceWorker(page);

  await reloadOffline(page, context);
  await openFromNav(page, 'Patients');
  const name = uniqueName('FHIR Patient');
  const patientId = await registerPatient(page, {
    name,
    dob: '1979-11-02',
    gender: 'Male',
    phone: '+91-9000000077',
  });
  await recordVitals(page, patientId, {
    systolic: 152,
    diastolic: 96,
    temperature: 38.4,
    pulse: 104,
    spo2: 93,
    weight: 71.5,
  });

  await context.setOffline(false);
  await waitUntilSynced(page);

  const api = await Api.signIn(request, ACCOUNTS.doctor);
  const { status, body } = await api.get(`/fhir/Patient/${patientId}/$everything`);
  expect(status).toBe(200);
  const bundle = body as Bundle;
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
  const resources = (bundle.entry ?? []).map((e) => e.resource);
  expect(resources.find((r) => r.resourceType === 'Patient')).toMatchObject({
    id: patientId,
    name: [{ text: name }],
    birthDate: '1979-11-02',
    gender: 'male',
  });

  const observations = resources.filter((r) => r.resourceType === 'Observation') as Observation[];
  for (const o of observations) expect(o.subject?.reference).toBe(`Patient/${patientId}`);
  const byCode = new Map(observations.map((o) => [loincOf(o), o]));
  const bp = byCode.get('85354-9');
  expect(bp?.component?.map((c) => [c.code.coding[0]?.code, c.valueQuantity.value])).toEqual([
    ['8480-6', 152],
    ['8462-4', 96],
  ]);
  expect(byCode.get('8310-5')?.valueQuantity).toMatchObject({ value: 38.4, unit: 'Cel' });
  expect(byCode.get('8867-4')?.valueQuantity?.value).toBe(104);
  expect(byCode.get('59408-5')?.valueQuantity?.value).toBe(93);
  expect(byCode.get('29463-7')?.valueQuantity?.value).toBe(71.5);

  // Every resource of the answer passes an independent R4 validator (Medplum's).
  for (const resource of resources) {
    expect(await fhirProblemsOf(resource), `${resource.resourceType} is valid R4`).toEqual([]);
  }
});
