import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';

let t: TestApp, worker: Caller;
beforeAll(async () => ({ t, worker } = await openTestApp('worker')));
afterAll(() => t.close());

const RAMESH = demoId('patient-1');
const observation = (extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
  subject: { reference: `Patient/${RAMESH}` },
  valueQuantity: { value: 72, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  ...extra,
});

describe('record data that names a resourceType is validated as FHIR R4', () => {
  it('REST: a valid Observation is stored; an invalid one is a 400 naming each problem by path', async () => {
    const ok = await worker.post('/api/records/', {
      patient: RAMESH,
      resource_type: 'Observation',
      data: observation(),
    });
    expect(ok.statusCode).toBe(201);

    const { code: _code, ...withoutCode } = observation({ status: 'done', issued: 'yesterday' });
    const bad = await worker.post('/api/records/', {
      patient: RAMESH,
      resource_type: 'Observation',
      data: withoutCode,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual({
      'data.code': expect.stringMatching(/required/i),
      'data.issued': expect.any(String),
      ...(bad.json().errors['data.status'] ? { 'data.status': expect.any(String) } : {}),
    });

    const mismatch = await worker.post('/api/records/', {
      patient: RAMESH,
      resource_type: 'Condition',
      data: observation(),
    });
    expect(mismatch.statusCode).toBe(400);
    expect(Object.keys(mismatch.json().errors)).toEqual(['data.resourceType']);

    const patch = await worker.patch(`/api/records/${ok.json().id}/`, {
      data: { ...observation(), foo: 1 },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors).toEqual({ 'data.foo': expect.any(String) });
  });

  it('REST: data without a resourceType is accepted as before (the spec sends {} and {patient_id, value})', async () => {
    for (const data of [{}, { patient_id: RAMESH, value: '120/80' }]) {
      const created = await worker.post('/api/records/', {
        patient: RAMESH,
        resource_type: 'Observation',
        data,
      });
      expect(created.statusCode).toBe(201);
    }
  });

  it('upload: an invalid resource is rejected on its own with its paths; the rest of the batch applies', async () => {
    const response = await worker.post('/api/sync/upload/', {
      device_id: 'fhir-validation-test',
      changes: [
        {
          operation: 'create',
          resource_type: 'Observation',
          client_temp_id: 'ok-1',
          payload: { ...observation(), patient_id: RAMESH },
        },
        {
          operation: 'create',
          resource_type: 'Observation',
          client_temp_id: 'bad-1',
          payload: { ...observation({ valueQuantity: { value: 'high' } }), patient_id: RAMESH },
        },
      ],
    });
    expect(response.statusCode).toBe(200);
    const [good, bad] = response.json().results;
    expect(good.status).toBe('created');
    expect(bad).toMatchObject({
      status: 'rejected',
      errors: { 'data.value[x].value': expect.stringMatching(/number/) },
    });
  });
});
