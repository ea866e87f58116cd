import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminUser,
  AuditEntry,
  DeviceHealth,
  INITIAL_CURSOR,
  type DownloadResponse,
} from '@healthsync/contracts';
import { demoId, FACILITY_B } from '../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';

let t: TestApp, admin: Caller, worker: Caller;
beforeAll(async () => ({ t, admin, worker } = await openTestApp('admin', 'worker')));
afterAll(() => t.close());

const signIn = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/token/', payload: { username, password } });

describe('admin pages', () => {
  it('are for admins only', async () => {
    for (const url of [
      '/api/admin/users/',
      '/api/admin/devices/',
      '/api/admin/audit/',
      '/api/admin/facilities/',
    ]) {
      expect((await worker.get(url)).statusCode).toBe(403);
      expect((await admin.get(url)).statusCode).toBe(200);
    }
  });

  it('create accounts that can sign in, and refuse bad links naming the field', async () => {
    const created = await admin.post('/api/admin/users/', {
      username: 'nurse.asha',
      password: 'a-long-password',
      role: 'health_worker',
      display_name: 'Asha Nurse',
      facility_id: FACILITY_B.id,
    });
    expect(created.statusCode).toBe(201);
    expect(AdminUser.parse(created.json())).toMatchObject({
      username: 'nurse.asha',
      active: true,
      facility_id: FACILITY_B.id,
    });
    expect((await signIn('nurse.asha', 'a-long-password')).statusCode).toBe(200);

    const noPharmacy = await admin.post('/api/admin/users/', {
      username: 'pharm2',
      password: 'a-long-password',
      role: 'pharmacist',
      facility_id: FACILITY_B.id,
    });
    expect(noPharmacy.json().errors).toHaveProperty('pharmacy_id');
    const taken = await admin.post('/api/admin/users/', {
      username: 'worker',
      password: 'a-long-password',
      role: 'health_worker',
      facility_id: FACILITY_B.id,
    });
    expect(taken.statusCode).toBe(409);
    const weak = await admin.post('/api/admin/users/', {
      username: 'weak',
      password: 'short',
      role: 'health_worker',
      facility_id: FACILITY_B.id,
    });
    expect(weak.json().errors).toHaveProperty('password');
  });

  it('sign a user out everywhere on a new password or deactivation', async () => {
    const user = (
      await admin.post('/api/admin/users/', {
        username: 'temp.worker',
        password: 'first-password',
        role: 'health_worker',
        facility_id: FACILITY_B.id,
      })
    ).json();
    const session = (await signIn('temp.worker', 'first-password')).json();
    await admin.patch(`/api/admin/users/${user.id}/`, { password: 'second-password' });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/token/refresh/',
          payload: { refresh: session.refresh },
        })
      ).statusCode,
    ).toBe(401);
    expect((await signIn('temp.worker', 'first-password')).statusCode).toBe(401);
    expect((await signIn('temp.worker', 'second-password')).statusCode).toBe(200);
    await admin.patch(`/api/admin/users/${user.id}/`, { active: false });
    expect((await signIn('temp.worker', 'second-password')).statusCode).toBe(401);
  });

  it('refuse to let an admin lock themselves out', async () => {
    const me = (await admin.get('/api/auth/me/')).json();
    const response = await admin.patch(`/api/admin/users/${me.id}/`, { active: false });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty('active');
  });

  it('add pharmacies and medicines that reach every device', async () => {
    const since = (await worker.get('/api/sync/status/')).json().server_time;
    const pharmacy = (
      await admin.post('/api/admin/pharmacies/', { name: 'Kodoli Medicals', village: 'Kodoli' })
    ).json();
    const medicine = (
      await admin.post('/api/admin/medicines/', { name: 'ORS sachet', form: 'powder' })
    ).json();
    const changes = (
      await worker.get(`/api/sync/download/?since=${encodeURIComponent(since)}`)
    ).json<DownloadResponse>().changes;
    expect(changes.map((c) => [c.resource_type, c.server_id])).toEqual(
      expect.arrayContaining([
        ['Pharmacy', pharmacy.id],
        ['Medicine', medicine.id],
      ]),
    );
  });

  it("show each device's sync health", async () => {
    const device = { 'x-device-id': 'village-phone-7' };
    await worker.post(
      '/api/sync/upload/',
      {
        device_id: 'village-phone-7',
        changes: [
          {
            operation: 'create',
            resource_type: 'Patient',
            client_temp_id: 'h1',
            payload: { name: 'Health Check' },
          },
          { operation: 'create', resource_type: 'Patient', client_temp_id: 'h2', payload: {} },
        ],
      },
      device,
    );
    const pull = (
      await worker.get(`/api/sync/download/?since=${INITIAL_CURSOR}`, device)
    ).json<DownloadResponse>();
    const devices = (await admin.get('/api/admin/devices/')).json<DeviceHealth[]>();
    const phone = devices.find((d) => d.device_id === 'village-phone-7');
    expect(DeviceHealth.parse(phone)).toMatchObject({
      username: 'worker',
      batches: 1,
      changes_pushed: 2,
      changes_rejected: 1,
      last_cursor: pull.next_cursor,
      open_conflicts: 0,
    });
    expect(phone!.last_push_at).not.toBeNull();
    expect(phone!.last_pull_at).not.toBeNull();
  });

  it('read the audit log, which no endpoint can change', async () => {
    await worker.patch(`/api/patients/${demoId('patient-2')}/`, { address: 'Audited address' });
    const entries = (await admin.get(`/api/admin/audit/?entity_id=${demoId('patient-2')}`)).json<
      AuditEntry[]
    >();
    expect(entries[0]).toMatchObject({
      action: 'update',
      entity_type: 'Patient',
      username: 'worker',
      before_version: 1,
      after_version: 2,
    });
    AuditEntry.parse(entries[0]);
    const page = (await admin.get('/api/admin/audit/?limit=2')).json<AuditEntry[]>();
    const next = (await admin.get(`/api/admin/audit/?limit=2&before_id=${page[1]!.id}`)).json<
      AuditEntry[]
    >();
    expect(BigInt(next[0]!.id)).toBeLessThan(BigInt(page[1]!.id));
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const response = await t.app.inject({
        method,
        url: `/api/admin/audit/${page[0]!.id}/`,
        headers: { authorization: `Bearer ${await t.tokenFor('admin')}` },
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('mark the device and request ids of audit entries as client-supplied', async () => {
    await worker.patch(
      `/api/patients/${demoId('patient-1')}/`,
      { address: 'Claimed device' },
      { 'x-device-id': 'someone-elses-phone', 'x-request-id': 'made-up-request' },
    );
    const [entry] = (
      await admin.get(`/api/admin/audit/?entity_id=${demoId('patient-1')}&limit=1`)
    ).json<AuditEntry[]>();
    expect(entry).toMatchObject({
      username: 'worker',
      client_device_id: 'someone-elses-phone',
      client_request_id: 'made-up-request',
      // The earlier names still answer, for existing readers.
      device_id: 'someone-elses-phone',
      request_id: 'made-up-request',
    });
    // The API reference says so, and so do the columns, for whoever reads the database.
    type Schema = { properties?: Record<string, { description?: string }>; items?: Schema };
    const doc = (await admin.get('/api/openapi.json')).json<{
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: Schema }> }> } }
      >;
    }>();
    const properties =
      doc.paths['/api/admin/audit/']!.get.responses['200']!.content['application/json']!.schema
        .items!.properties!;
    for (const field of ['client_device_id', 'client_request_id', 'device_id', 'request_id'])
      expect(properties[field]?.description, field).toMatch(/client-supplied.*not verified/i);
    const columns = await t.database.prisma.$queryRawUnsafe<{ column_name: string }[]>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_log' AND column_name LIKE '%_id' ORDER BY 1`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'client_device_id',
      'client_request_id',
      'entity_id',
      'user_id',
    ]);
  });
});
