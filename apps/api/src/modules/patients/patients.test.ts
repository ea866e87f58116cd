import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Patient } from '@healthsync/contracts';
import { demoId } from '../../demo/demo-data';
import { bearer, createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let worker: Record<string, string>;
let worker2: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  worker = bearer(await t.tokenFor('worker'));
  worker2 = bearer(await t.tokenFor('worker2'));
});
afterAll(() => t.close());

const RAMESH = demoId('patient-1');

function call(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) {
  return t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

describe('patients as docs/api.md describes them', () => {
  it('creates (201), retrieves, updates with PUT and PATCH, and deletes (204) with server_version +1 each time', async () => {
    const created = await call('POST', '/api/patients/', worker, {
      name: 'John Doe',
      dob: '1990-01-01',
      identifiers: {},
      fhir: {},
    });
    expect(created.statusCode).toBe(201);
    const patient = Patient.parse(created.json());
    expect(patient).toMatchObject({
      name: 'John Doe',
      dob: '1990-01-01',
      identifiers: {},
      fhir: {},
      server_version: 1,
      deleted: false,
    });
    expect(patient.gender).toBeNull();
    expect(patient.phone_number).toBeNull();
    expect(patient.last_synced_at).toBeNull();
    expect(patient.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    const me = (await call('GET', '/api/auth/me/', worker)).json();
    expect(patient.owner).toBe(me.id);

    const fetched = await call('GET', `/api/patients/${patient.id}/`, worker);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(patient);

    const put = await call('PUT', `/api/patients/${patient.id}/`, worker, {
      name: 'John Doe',
      dob: '1990-01-02',
      identifiers: { abha: '12-3456' },
      fhir: {},
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      dob: '1990-01-02',
      identifiers: { abha: '12-3456' },
      server_version: 2,
    });
    expect(put.json().updated_at > patient.updated_at).toBe(true);

    const patch = await call('PATCH', `/api/patients/${patient.id}/`, worker, {
      phone_number: '+91-9000000000',
    });
    expect(patch.json()).toMatchObject({
      phone_number: '+91-9000000000',
      dob: '1990-01-02',
      server_version: 3,
    });

    const deleted = await call('DELETE', `/api/patients/${patient.id}/`, worker);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await call('GET', `/api/patients/${patient.id}/`, worker)).statusCode).toBe(404);
    const list = (await call('GET', '/api/patients/', worker)).json() as Patient[];
    expect(list.map((p) => p.id)).not.toContain(patient.id);

    const tombstone = await t.database.prisma.patient.findUniqueOrThrow({
      where: { id: patient.id },
    });
    expect(tombstone).toMatchObject({ deleted: true, serverVersion: 4 });
  });

  it("lists the facility's patients with every field present", async () => {
    const response = await call('GET', '/api/patients/', worker);
    expect(response.statusCode).toBe(200);
    const list = response.json() as Patient[];
    expect(list.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Ramesh Patil', 'Sunita Jadhav']),
    );
    for (const row of list) {
      for (const key of Object.keys(Patient.shape)) expect(row).toHaveProperty(key);
    }
  });

  it('accepts a client-generated id once and refuses it again with 409', async () => {
    const id = '0191e7a0-0000-7000-8000-000000000001';
    expect(
      (await call('POST', '/api/patients/', worker, { id, name: 'Offline Registered' })).json().id,
    ).toBe(id);
    const again = await call('POST', '/api/patients/', worker, { id, name: 'Offline Registered' });
    expect(again.statusCode).toBe(409);
  });

  it('makes If-Match writes conditional on server_version', async () => {
    const created = (await call('POST', '/api/patients/', worker, { name: 'Conditional' })).json();
    const stale = await call(
      'PATCH',
      `/api/patients/${created.id}/`,
      { ...worker, 'if-match': '"7"' },
      { name: 'X' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({
      error_code: 'PRECONDITION_FAILED',
      current: { name: 'Conditional', server_version: 1 },
    });
    const fresh = await call(
      'PATCH',
      `/api/patients/${created.id}/`,
      { ...worker, 'if-match': '"1"' },
      { name: 'Y' },
    );
    expect(fresh.json()).toMatchObject({ name: 'Y', server_version: 2 });
  });
});

describe('patient validation', () => {
  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'A', dob: '01/02/1990' }, 'dob'],
    [{ name: 'A', dob: '1990-02-30' }, 'dob'],
    [{ name: 'A', identifiers: [] }, 'identifiers'],
    [{ name: 'A', facility_id: 'not-a-uuid' }, 'facility_id'],
    [{ name: 'A', colour: 'blue' }, 'colour'],
  ])('answers %j with a 400 naming %s, and writes nothing', async (body, field) => {
    const before = await t.database.prisma.patient.count();
    const response = await call('POST', '/api/patients/', worker, body);
    expect(response.statusCode).toBe(400);
    const error = response.json();
    expect(error.error_code).toBe('VALIDATION_ERROR');
    expect(error.errors).toHaveProperty(field);
    expect(error).toHaveProperty(field);
    expect(await t.database.prisma.patient.count()).toBe(before);
  });

  it('names a malformed id in the path', async () => {
    const response = await call('GET', '/api/patients/42/', worker);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty('id');
  });
});

describe('facility scope', () => {
  it("hides facility A's patients from worker2 (facility B) on every route", async () => {
    const list = (await call('GET', '/api/patients/', worker2)).json() as Patient[];
    expect(list.map((p) => p.name).sort()).toEqual([
      'Lata Gaikwad',
      'Meena Shinde',
      'Prakash More',
    ]);
    expect((await call('GET', `/api/patients/${RAMESH}/`, worker2)).statusCode).toBe(404);
    expect(
      (await call('PUT', `/api/patients/${RAMESH}/`, worker2, { name: 'Hijacked' })).statusCode,
    ).toBe(404);
    expect(
      (await call('PATCH', `/api/patients/${RAMESH}/`, worker2, { name: 'Hijacked' })).statusCode,
    ).toBe(404);
    expect((await call('DELETE', `/api/patients/${RAMESH}/`, worker2)).statusCode).toBe(404);
    const row = await t.database.prisma.patient.findUniqueOrThrow({ where: { id: RAMESH } });
    expect(row).toMatchObject({ name: 'Ramesh Patil', deleted: false });
  });

  it('refuses to register a patient into another facility unless admin', async () => {
    const facilityA = (await call('GET', '/api/auth/me/', worker)).json().facility_id;
    const response = await call('POST', '/api/patients/', worker2, {
      name: 'Smuggled',
      facility_id: facilityA,
    });
    expect(response.statusCode).toBe(403);
    const admin = bearer(await t.tokenFor('admin'));
    const byAdmin = await call('POST', '/api/patients/', admin, {
      name: 'Placed by admin',
      facility_id: facilityA,
    });
    expect(byAdmin.statusCode).toBe(201);
  });

  it('lets admins see every facility and keeps pharmacists out', async () => {
    const admin = bearer(await t.tokenFor('admin'));
    const names = ((await call('GET', '/api/patients/', admin)).json() as Patient[]).map(
      (p) => p.name,
    );
    expect(names).toEqual(expect.arrayContaining(['Ramesh Patil', 'Meena Shinde']));
    const pharmacist = bearer(await t.tokenFor('pharmacist'));
    expect((await call('GET', '/api/patients/', pharmacist)).statusCode).toBe(403);
  });
});

describe('audit', () => {
  it('records every write with who, which device and both versions', async () => {
    const device = { ...worker, 'x-device-id': 'phone-17' };
    const created = (await call('POST', '/api/patients/', device, { name: 'Audited' })).json();
    await call('PATCH', `/api/patients/${created.id}/`, device, { name: 'Audited Twice' });
    await call('DELETE', `/api/patients/${created.id}/`, device);
    const entries = await t.database.prisma.auditLog.findMany({
      where: { entityId: created.id },
      orderBy: { id: 'asc' },
    });
    expect(
      entries.map((e) => [e.action, e.beforeVersion, e.afterVersion, e.clientDeviceId]),
    ).toEqual([
      ['create', null, 1, 'phone-17'],
      ['update', 1, 2, 'phone-17'],
      ['delete', 2, 3, 'phone-17'],
    ]);
    expect(entries.every((e) => e.userId === created.owner)).toBe(true);
  });
});
