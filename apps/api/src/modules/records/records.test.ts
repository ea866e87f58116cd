import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthRecord } from '@healthsync/contracts';
import { demoId } from '../../demo/demo-data';
import { bearer, createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let doctor: Record<string, string>;
let worker2: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  doctor = bearer(await t.tokenFor('doctor'));
  worker2 = bearer(await t.tokenFor('worker2'));
});
afterAll(() => t.close());

const SUNITA = demoId('patient-2');
const MEENA = demoId('patient-b1');

describe('health records as docs/api.md describes them', () => {
  it('creates, lists, retrieves, updates and deletes a record', async () => {
    const observation = {
      resourceType: 'Observation',
      status: 'final',
      code: {
        coding: [{ system: 'http://loinc.org', code: '85354-9', display: 'Blood pressure panel' }],
      },
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
          valueQuantity: { value: 150, unit: 'mm[Hg]' },
        },
      ],
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/records/',
      headers: doctor,
      payload: { patient: SUNITA, resource_type: 'Observation', data: observation },
    });
    expect(created.statusCode).toBe(201);
    const record = HealthRecord.parse(created.json());
    expect(record).toMatchObject({
      patient: SUNITA,
      resource_type: 'Observation',
      data: observation,
      server_version: 1,
      deleted: false,
    });

    const list = (
      await t.app.inject({ method: 'GET', url: `/api/records/?patient=${SUNITA}`, headers: doctor })
    ).json();
    expect(list.map((r: HealthRecord) => r.id)).toContain(record.id);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/records/${record.id}`,
      headers: doctor,
      payload: { data: { value: 'Updated data' } },
    });
    expect(patched.json()).toMatchObject({ data: { value: 'Updated data' }, server_version: 2 });

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/records/${record.id}/`, headers: doctor }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/records/${record.id}/`, headers: doctor }))
        .statusCode,
    ).toBe(404);
  });

  it('stores the free-form payload of the spec as given', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/records/',
      headers: doctor,
      payload: { patient: SUNITA, resource_type: 'Observation', data: {} },
    });
    expect(created.json().data).toEqual({});
  });

  it('names the patient when it is unknown or in another facility, and writes nothing', async () => {
    const before = await t.database.prisma.healthRecord.count();
    for (const patient of [MEENA, '0191e7a0-0000-7000-8000-00000000dead']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/records/',
        headers: doctor,
        payload: { patient, resource_type: 'Observation', data: {} },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toHaveProperty('patient');
    }
    const badType = await t.app.inject({
      method: 'POST',
      url: '/api/records/',
      headers: doctor,
      payload: { patient: SUNITA, resource_type: 'not a type', data: {} },
    });
    expect(badType.json().errors).toHaveProperty('resource_type');
    expect(await t.database.prisma.healthRecord.count()).toBe(before);
  });

  it("keeps facility A's records away from worker2", async () => {
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/records/', headers: worker2 })
    ).json() as HealthRecord[];
    expect(list.filter((r) => r.patient === SUNITA)).toEqual([]);
    const temperature = demoId('observation-temp-1');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/records/${temperature}/`, headers: worker2 }))
        .statusCode,
    ).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/records/${temperature}/`,
      headers: worker2,
      payload: { data: {} },
    });
    expect(patch.statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/records/${temperature}/`,
          headers: worker2,
        })
      ).statusCode,
    ).toBe(404);
  });
});
