import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { demoId, FACILITY_A } from '../../demo/demo-data';
import { createTestApp, type Caller, type TestApp } from '../../test/test-app';
import { fhirProblemsOf } from './fhir-validator';
import { ABHA_NUMBER_SYSTEM } from './fhir-systems';

let t: TestApp;
let worker: Caller;
let worker2: Caller;
const emitted: Resource[] = [];
beforeAll(async () => {
  t = await createTestApp();
  worker = await t.as('worker');
  worker2 = await t.as('worker2');
  await t.database.prisma.patient.update({
    where: { id: demoId('patient-2') },
    data: { identifiers: { abha: '91-5555-6666-7777' } },
  });
});
afterAll(async () => {
  // Every resource these tests received validates as R4.
  for (const resource of emitted) expect(await fhirProblemsOf(resource)).toEqual([]);
  await t.close();
});

async function fhirGet<T = Bundle>(caller: Caller, url: string, status = 200): Promise<T> {
  const response = await caller.get(url);
  expect({ url, status: response.statusCode }).toEqual({ url, status });
  expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
  const body = response.json<T & Resource>();
  emitted.push(body);
  return body;
}

const idsOf = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource?.id);
const RAMESH = demoId('patient-1');
const SUNITA = demoId('patient-2');

describe('FHIR R4 read API', () => {
  it('the OpenAPI document lists every FHIR endpoint', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    const fhirPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/fhir/'));
    expect(fhirPaths).toEqual(
      expect.arrayContaining([
        '/fhir/metadata',
        '/fhir/Patient',
        '/fhir/Observation',
        '/fhir/Appointment',
        '/fhir/Practitioner',
        '/fhir/Organization',
        '/fhir/Location',
        '/fhir/{type}/{id}',
        '/fhir/Patient/{id}/$everything',
        '/fhir/$export',
        '/fhir/Group/{id}/$export',
        '/fhir/$export-status/{job}',
        '/fhir/$export-file/{job}/{file}',
      ]),
    );
  });

  it('metadata is a CapabilityStatement, without a token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/fhir/metadata' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
    });
    emitted.push(response.json());
  });

  it('searches patients by name, gender, birthdate, identifier and _lastUpdated, in the caller’s facility', async () => {
    expect(idsOf(await fhirGet(worker, '/fhir/Patient?name=ram'))).toEqual([RAMESH]);
    expect(idsOf(await fhirGet(worker, '/fhir/Patient?name=patil'))).toEqual([RAMESH]);
    expect(idsOf(await fhirGet(worker, '/fhir/Patient?gender=female'))).toEqual([SUNITA]);
    expect(idsOf(await fhirGet(worker, '/fhir/Patient?birthdate=1978-03-14'))).toEqual([RAMESH]);
    expect(idsOf(await fhirGet(worker, '/fhir/Patient?birthdate=ge1980&birthdate=lt1990'))).toEqual(
      [SUNITA],
    );
    expect(
      idsOf(
        await fhirGet(
          worker,
          `/fhir/Patient?identifier=${encodeURIComponent(`${ABHA_NUMBER_SYSTEM}|91-5555-6666-7777`)}`,
        ),
      ),
    ).toEqual([SUNITA]);
    expect(idsOf(await fhirGet(worker, '/fhir/Patient?identifier=91-5555-6666-7777'))).toEqual([
      SUNITA,
    ]);
    expect(idsOf(await fhirGet(worker, '/fhir/Patient?_lastUpdated=gt2000-01-01')).sort()).toEqual(
      [RAMESH, SUNITA].sort(),
    );
    expect(idsOf(await fhirGet(worker, '/fhir/Patient?_lastUpdated=lt2000-01-01'))).toEqual([]);
    expect(idsOf(await fhirGet(worker2, '/fhir/Patient?name=ram'))).toEqual([]);
  });

  it('_count pages with next links that reach every patient once', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/fhir/Patient?_count=1';
    while (url) {
      const page: Bundle = await fhirGet(worker, url);
      seen.push(...(idsOf(page) as string[]));
      const next = page.link?.find((l) => l.relation === 'next')?.url;
      url = next ? new URL(next).pathname + new URL(next).search : undefined;
    }
    expect(seen.sort()).toEqual([RAMESH, SUNITA].sort());
  });

  it('searches observations by patient, code, category and date; appointments by patient, date and status', async () => {
    const byPatient = await fhirGet(worker, `/fhir/Observation?patient=Patient/${RAMESH}`);
    expect(idsOf(byPatient)).toEqual([demoId('observation-temp-1')]);
    expect(idsOf(await fhirGet(worker, '/fhir/Observation?code=http://loinc.org|8867-4'))).toEqual([
      demoId('observation-pulse-2'),
    ]);
    expect(idsOf(await fhirGet(worker, '/fhir/Observation?category=vital-signs'))).toHaveLength(2);
    expect(idsOf(await fhirGet(worker, '/fhir/Observation?date=lt2000'))).toEqual([]);
    expect(idsOf(await fhirGet(worker, '/fhir/Observation?date=gt2000'))).toHaveLength(2);

    expect(idsOf(await fhirGet(worker, `/fhir/Appointment?patient=${RAMESH}`)).sort()).toEqual(
      [demoId('appointment-101'), demoId('appointment-102')].sort(),
    );
    expect(idsOf(await fhirGet(worker, '/fhir/Appointment?status=fulfilled'))).toEqual([
      demoId('appointment-103'),
    ]);
    expect(idsOf(await fhirGet(worker, '/fhir/Appointment?date=lt2000'))).toEqual([]);
  });

  it('reads practitioners, organizations and locations (facility and pharmacies)', async () => {
    expect(idsOf(await fhirGet(worker, '/fhir/Practitioner?name=kulkarni'))).toEqual([
      demoId('doctor-kulkarni'),
    ]);
    const orgs = await fhirGet(worker, '/fhir/Organization');
    expect(idsOf(orgs)).toContain(FACILITY_A.id);
    const locations = await fhirGet(worker, '/fhir/Location?name=gram');
    expect(idsOf(locations).length).toBeGreaterThan(0);
    expect(await fhirGet(worker, `/fhir/Location/${FACILITY_A.id}`)).toMatchObject({
      resourceType: 'Location',
    });
    expect(await fhirGet(worker, `/fhir/Condition/${demoId('appointment-103')}`)).toMatchObject({
      code: { text: 'Hypertension, need monitoring' },
    });
    expect(
      await fhirGet(worker, `/fhir/MedicationRequest/${demoId('appointment-103')}`),
    ).toMatchObject({ medicationCodeableConcept: { text: 'Amlodipine 5mg once daily' } });
  });

  it('reads one resource; out of scope is 404, deleted is 410, both as OperationOutcome', async () => {
    expect(await fhirGet(worker, `/fhir/Patient/${RAMESH}`)).toMatchObject({
      resourceType: 'Patient',
      id: RAMESH,
    });
    const outside = await fhirGet<OperationOutcome>(worker2, `/fhir/Patient/${RAMESH}`, 404);
    expect(outside.resourceType).toBe('OperationOutcome');
    await fhirGet<OperationOutcome>(worker, '/fhir/Patient/not-a-uuid', 404);

    const created = await worker.post('/api/patients/', { name: 'Gone Soon' });
    await worker.delete(`/api/patients/${created.json().id}/`);
    const gone = await fhirGet<OperationOutcome>(worker, `/fhir/Patient/${created.json().id}`, 410);
    expect(gone.issue[0]?.code).toBe('deleted');
    expect(idsOf(await fhirGet(worker, '/fhir/Patient?name=gone'))).toEqual([]);
  });

  it('Patient/$everything holds the patient, appointments, diagnoses, prescriptions, vitals, doctors and facility', async () => {
    const bundle = await fhirGet(worker, `/fhir/Patient/${RAMESH}/$everything`);
    expect(bundle.type).toBe('searchset');
    const types = (bundle.entry ?? []).map((e) => e.resource?.resourceType);
    expect(new Set(types)).toEqual(
      new Set([
        'Patient',
        'Appointment',
        'Condition',
        'MedicationRequest',
        'Observation',
        'Practitioner',
        'Organization',
        'Location',
      ]),
    );
    for (const entry of bundle.entry ?? []) emitted.push(entry.resource!);
    await fhirGet<OperationOutcome>(worker2, `/fhir/Patient/${RAMESH}/$everything`, 404);
  });

  it('bad input is a 4xx OperationOutcome naming the parameter, never a 500', async () => {
    const cases: [string, string][] = [
      ['/fhir/Patient?birthdate=1978-13-01', 'birthdate'],
      ['/fhir/Patient?gender=yes', 'gender'],
      ['/fhir/Patient?_count=0', '_count'],
      ['/fhir/Patient?_count=5000', '_count'],
      ['/fhir/Patient?colour=blue', 'colour'],
      ['/fhir/Observation?date=yesterday', 'date'],
      ['/fhir/Appointment?status=maybe', 'status'],
      ['/fhir/Appointment?status=toString', 'status'], // not Object's own (was a 500)
      ['/fhir/Patient?gender=constructor', 'gender'],
      ['/fhir/Observation?patient=Group/1/x', 'patient'],
      ['/fhir/Patient/%E0%A4%A', 'url'],
      [`/fhir/Group/${'x'.repeat(10_001)}/$export`, 'url'],
    ];
    for (const [url, parameter] of cases) {
      const outcome = await fhirGet<OperationOutcome>(worker, url, 400);
      expect({
        url: url.slice(0, 60),
        expression: outcome.issue.flatMap((i) => i.expression ?? []),
      }).toEqual({
        url: url.slice(0, 60),
        expression: [parameter],
      });
    }
    const unauthenticated = await t.app.inject({ method: 'GET', url: '/fhir/Patient' });
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.json().resourceType).toBe('OperationOutcome');
    const pharmacist = await (await t.as('pharmacist')).get('/fhir/Patient');
    expect(pharmacist.statusCode).toBe(403);
    await fhirGet<OperationOutcome>(worker, '/fhir/Medication/123', 400);
    await fhirGet<OperationOutcome>(worker, '/fhir/Patient/1/2/3', 404);
  });

  it('ignores a parameter given with an empty value, as FHIR says (was a 500)', async () => {
    const all = idsOf(await fhirGet(worker, '/fhir/Observation'));
    for (const url of [
      '/fhir/Observation?category=',
      '/fhir/Observation?code=,&category=%20',
      '/fhir/Observation?date=&patient=',
      '/fhir/Patient?gender=&identifier=,',
      '/fhir/Appointment?status=',
    ])
      expect({ url, status: (await worker.get(url)).statusCode }).toEqual({ url, status: 200 });
    expect(idsOf(await fhirGet(worker, '/fhir/Observation?category='))).toEqual(all);
  });
});
