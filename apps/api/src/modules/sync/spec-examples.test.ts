import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Appointment,
  DownloadResponse,
  InventoryItem,
  Patient,
  StaleUpdateBody,
  SyncStatus,
  UploadReceipt,
} from '@healthsync/contracts';
import { demoId } from '../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';

/** The API's documented examples (docs/api.md), one by one, with UUIDs and current times. */
let t: TestApp, worker: Caller, doctor: Caller;
beforeAll(async () => ({ t, worker, doctor } = await openTestApp('worker', 'doctor')));
afterAll(() => t.close());

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const APPOINTMENT_101 = demoId('appointment-101');
const APPOINTMENT_102 = demoId('appointment-102');
const GRAM_MEDICAL = demoId('pharmacy-gram-medical');

describe('1.1 sync status', () => {
  it('describes the server-authoritative strategy and the endpoints', async () => {
    const response = await worker.get('/api/sync/status/');
    expect(response.statusCode).toBe(200);
    const body = SyncStatus.parse(response.json());
    expect(body.server_time).toMatch(STAMP);
    expect(body.sync_strategy.strategy).toBe('Server-Authoritative');
    expect(body.sync_endpoints).toMatchObject({
      patients: '/api/patients/sync/',
      appointments: '/api/appointments/sync/',
      pharmacy_inventory: '/api/pharmacy-inventory/sync/',
      doctors: '/api/doctors/sync/',
    });
    expect(body.conflict_handling).toEqual({
      strategy: 'Server-Authoritative',
      error_code: 'STALE_UPDATE',
      http_status: 409,
      suggested_action: 'REFRESH',
    });
  });
});

describe('2. patient sync', () => {
  it('2.1 downloads every patient with the sync headers', async () => {
    const response = await worker.get('/api/patients/sync/');
    expect(response.statusCode).toBe(200);
    const rows = response.json() as Patient[];
    expect(rows.map((p) => p.name).sort()).toEqual(['Ramesh Patil', 'Sunita Jadhav']);
    for (const row of rows) {
      Patient.parse(row);
      expect(row).toMatchObject({
        gender: expect.any(String),
        phone_number: expect.any(String),
        address: expect.any(String),
        last_synced_at: null,
      });
    }
    expect(response.headers['x-last-sync']).toMatch(STAMP);
    expect(response.headers['x-records-synced']).toBe('2');
    expect(response.headers['x-sync-strategy']).toBe('server-authoritative');
    expect(response.headers['etag']).toMatch(/^"[\w-]+"$/);
    // The spec's private, no-cache, and no-store: clinical data stays out of every cache.
    expect(response.headers['cache-control']).toBe('private, no-cache, no-store');
  });

  it('2.2 returns only patients changed after last_sync_timestamp', async () => {
    const all = (await worker.get('/api/patients/sync/')).json() as Patient[];
    const [older, newer] = all.sort((a, b) => (a.updated_at < b.updated_at ? -1 : 1));
    const response = await worker.get(
      `/api/patients/sync/?last_sync_timestamp=${older!.updated_at}`,
    );
    expect((response.json() as Patient[]).map((p) => p.id)).toEqual([newer!.id]);
    expect(response.headers['x-records-synced']).toBe('1');
  });

  it('2.3 answers If-None-Match with 304 and no body while nothing changed', async () => {
    const first = await worker.get('/api/patients/sync/');
    const second = await worker.get('/api/patients/sync/', {
      'if-none-match': first.headers.etag as string,
    });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
  });
});

describe('3. appointment sync', () => {
  it('3.1 downloads the appointments with the clinical fields', async () => {
    const rows = (await doctor.get('/api/appointments/sync/')).json() as Appointment[];
    expect(rows).toHaveLength(3);
    const cough = rows.find((r) => r.id === APPOINTMENT_102)!;
    expect(Appointment.parse(cough)).toMatchObject({
      status: 'CONFIRMED',
      symptoms: 'Persistent cough, difficulty breathing',
      diagnosis: 'Mild pneumonia, viral infection',
      prescription: 'Amoxicillin 500mg 3x daily, Cough syrup',
      last_synced_at: null,
    });
  });

  it('3.2 returns only appointments changed after last_sync_timestamp', async () => {
    const rows = ((await doctor.get('/api/appointments/sync/')).json() as Appointment[]).sort(
      (a, b) => (a.updated_at < b.updated_at ? -1 : 1),
    );
    const response = await doctor.get(
      `/api/appointments/sync/?last_sync_timestamp=${rows[1]!.updated_at}`,
    );
    expect((response.json() as Appointment[]).map((r) => r.id)).toEqual([rows[2]!.id]);
  });

  it('3.3 applies an update based on the current version and sets last_synced_at', async () => {
    const current = ((await doctor.get('/api/appointments/sync/')).json() as Appointment[]).find(
      (r) => r.id === APPOINTMENT_101,
    )!;
    const response = await doctor.put(`/api/appointments/${APPOINTMENT_101}/sync_update/`, {
      client_last_synced_at: current.updated_at,
      status: 'CONFIRMED',
      diagnosis: 'Common cold with mild fever',
      prescription: 'Rest, fluids, Paracetamol 500mg',
    });
    expect(response.statusCode).toBe(200);
    const row = Appointment.parse(response.json());
    expect(row).toMatchObject({
      id: APPOINTMENT_101,
      status: 'CONFIRMED',
      symptoms: 'Fever, body pain, weakness for 3 days',
      diagnosis: 'Common cold with mild fever',
      prescription: 'Rest, fluids, Paracetamol 500mg',
      server_version: current.server_version + 1,
    });
    expect(row.last_synced_at).not.toBeNull();
    expect(row.updated_at > current.updated_at).toBe(true);
  });

  it('3.4 refuses a stale update with 409 STALE_UPDATE and the server row', async () => {
    const current = ((await doctor.get('/api/appointments/sync/')).json() as Appointment[]).find(
      (r) => r.id === APPOINTMENT_102,
    )!;
    const stale = '2024-01-10T15:45:00Z';
    const response = await doctor.put(`/api/appointments/${APPOINTMENT_102}/sync_update/`, {
      client_last_synced_at: stale,
      status: 'COMPLETED',
      prescription: 'Different prescription',
    });
    expect(response.statusCode).toBe(409);
    const body = StaleUpdateBody.parse(response.json());
    expect(body).toMatchObject({
      error_code: 'STALE_UPDATE',
      message: 'Record has been modified since your last sync. Your changes may conflict.',
      conflict_type: 'VERSION_MISMATCH',
      server_version: current.updated_at,
      client_version: stale,
      suggested_action: 'REFRESH',
      current: { id: APPOINTMENT_102, prescription: 'Amoxicillin 500mg 3x daily, Cough syrup' },
    });
    const after = ((await doctor.get('/api/appointments/sync/')).json() as Appointment[]).find(
      (r) => r.id === APPOINTMENT_102,
    )!;
    expect(after).toEqual(current);
  });

  it('6. phase 3: an edit based on the X-Last-Sync of the last pull succeeds', async () => {
    const pull = await doctor.get('/api/appointments/sync/');
    const response = await doctor.put(`/api/appointments/${APPOINTMENT_102}/sync_update/`, {
      client_last_synced_at: pull.headers['x-last-sync'],
      status: 'CONFIRMED',
      diagnosis: 'Pneumonia, mild case',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ diagnosis: 'Pneumonia, mild case' });
  });
});

describe('4. pharmacy inventory sync', () => {
  it('4.1 downloads stock with pharmacy and medicine names and last_updated', async () => {
    const response = await worker.get('/api/pharmacy-inventory/sync/');
    const rows = (response.json() as InventoryItem[]).map((r) => InventoryItem.parse(r));
    expect(rows).toHaveLength(4);
    expect(rows).toContainEqual(
      expect.objectContaining({
        pharmacy_name: 'Village Care Pharmacy, Gram',
        medicine_name: 'Paracetamol 500mg',
        quantity_available: 0,
      }),
    );
    for (const row of rows) expect(row.last_updated).toMatch(STAMP);
  });

  it('4.2 returns only stock changed after last_sync_timestamp', async () => {
    const rows = (
      (await worker.get('/api/pharmacy-inventory/sync/')).json() as InventoryItem[]
    ).sort((a, b) => (a.last_updated < b.last_updated ? -1 : 1));
    const response = await worker.get(
      `/api/pharmacy-inventory/sync/?last_sync_timestamp=${rows[2]!.last_updated}`,
    );
    expect((response.json() as InventoryItem[]).map((r) => r.id)).toEqual([rows[3]!.id]);
  });

  it('4.3 filters by pharmacy', async () => {
    const rows = (
      await worker.get(`/api/pharmacy-inventory/sync/?pharmacy_id=${GRAM_MEDICAL}`)
    ).json() as InventoryItem[];
    expect(rows.map((r) => r.medicine_name).sort()).toEqual([
      'Amoxicillin 500mg',
      'Paracetamol 500mg',
    ]);
    expect(new Set(rows.map((r) => r.pharmacy_name))).toEqual(
      new Set(['Gram Medical Store, Warna']),
    );
  });
});

describe('5. errors', () => {
  it('5.1 rejects a date-only timestamp, keyed by the parameter', async () => {
    const response = await worker.get('/api/appointments/sync/?last_sync_timestamp=2024-01-20');
    expect(response.statusCode).toBe(400);
    expect(response.json().last_sync_timestamp).toMatch(
      /^Invalid timestamp format\. Use ISO 8601 format\. Error: time data '2024-01-20'/,
    );
  });

  it('rejects malformed and zone-less timestamps the same way', async () => {
    for (const bad of ['yesterday', '2024-01-20T10:00:00', '2024-13-01T00:00:00Z']) {
      const response = await worker.get(
        `/api/patients/sync/?last_sync_timestamp=${encodeURIComponent(bad)}`,
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().last_sync_timestamp).toMatch(/^Invalid timestamp format/);
    }
  });

  it('reads an unencoded + offset (a space) as +', async () => {
    const response = await worker.get(
      '/api/patients/sync/?last_sync_timestamp=2024-01-20T10:00:00+05:30',
    );
    expect(response.statusCode).toBe(200);
  });

  it('5.2 rejects a future timestamp', async () => {
    const response = await worker.get(
      '/api/patients/sync/?last_sync_timestamp=2099-01-20T10:00:00Z',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      last_sync_timestamp: 'Sync timestamp cannot be in the future.',
    });
  });

  it('5.3 / 5.4 answer missing and invalid tokens with the documented bodies', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/appointments/sync/' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ detail: 'Authentication credentials were not provided.' });
    const invalid = await t.app.inject({
      method: 'GET',
      url: '/api/appointments/sync/',
      headers: { authorization: 'Bearer invalid.token.here' },
    });
    expect(invalid.statusCode).toBe(401);
    expect(invalid.json()).toMatchObject({ detail: 'Given token not valid for any token type' });
  });
});

describe('upload, download, trigger (docs/api.md#upload-download-batches)', () => {
  it('uploads the documented batch: a create by client_temp_id and a stale update as a conflict', async () => {
    const sunita = demoId('patient-2');
    const created = await doctor.post('/api/records/', {
      patient: sunita,
      resource_type: 'Observation',
      data: { value: 'Initial' },
    });
    const record = created.json();
    await doctor.patch(`/api/records/${record.id}/`, { data: { value: 'Changed on the server' } });

    const response = await doctor.post('/api/sync/upload/', {
      device_id: 'device123',
      changes: [
        {
          operation: 'create',
          resource_type: 'Observation',
          client_temp_id: 'temp123',
          payload: { patient_id: sunita, value: 'Some observation data' },
        },
        {
          operation: 'update',
          resource_type: 'Observation',
          server_id: record.id,
          client_updated_at: record.updated_at,
          payload: { value: 'Updated data' },
        },
      ],
    });
    expect(response.statusCode).toBe(200);
    const receipt = UploadReceipt.parse(response.json());
    expect(receipt.results[0]).toMatchObject({
      client_temp_id: 'temp123',
      status: 'created',
      server_id: expect.any(String),
    });
    expect(receipt.results[1]).toMatchObject({ server_id: record.id, status: 'conflict' });
    expect(receipt.conflicts).toEqual([
      expect.objectContaining({ server_id: record.id, reason: 'server_newer' }),
    ]);

    const stored = (await doctor.get(`/api/records/${receipt.results[0]!.server_id}/`)).json();
    expect(stored).toMatchObject({
      patient: sunita,
      resource_type: 'Observation',
      data: { value: 'Some observation data' },
    });
  });

  it('merges an update payload into the record data', async () => {
    const created = (
      await doctor.post('/api/records/', {
        patient: demoId('patient-2'),
        resource_type: 'Observation',
        data: { value: 'a', unit: 'mmHg' },
      })
    ).json();
    const response = await doctor.post('/api/sync/upload/', {
      device_id: 'device123',
      changes: [
        {
          operation: 'update',
          resource_type: 'Observation',
          server_id: created.id,
          client_updated_at: created.updated_at,
          payload: { value: 'Updated data' },
        },
      ],
    });
    expect(response.json().results[0]).toMatchObject({ status: 'updated', server_version: 2 });
    expect((await doctor.get(`/api/records/${created.id}/`)).json().data).toEqual({
      value: 'Updated data',
      unit: 'mmHg',
    });
  });

  it('downloads every change since a timestamp with server_time', async () => {
    const response = await worker.get('/api/sync/download/?since=2025-09-12T10:00:00Z');
    expect(response.statusCode).toBe(200);
    const body = DownloadResponse.parse(response.json());
    const types = new Set(body.changes.map((c) => c.resource_type));
    for (const type of [
      'Patient',
      'Doctor',
      'Appointment',
      'Pharmacy',
      'Medicine',
      'InventoryItem',
      'Observation',
    ])
      expect(types).toContain(type);
    expect(body.server_time).toMatch(STAMP);
    expect(body.has_more).toBe(false);
    expect(body.next_cursor).toBe(body.server_time);
  });

  it('requires since', async () => {
    const response = await worker.get('/api/sync/download/');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty('since');
  });

  it('triggers processing of a stored batch and answers "task started"', async () => {
    const stored = await worker.post('/api/sync/upload/?async=true', {
      device_id: 'device123',
      changes: [
        {
          operation: 'create',
          resource_type: 'Patient',
          client_temp_id: 'p-async',
          payload: { name: 'Queued Patient' },
        },
      ],
    });
    expect(stored.statusCode).toBe(202);
    const batchId = stored.json().batch_id;
    expect(stored.json().status).toBe('pending');

    const trigger = await worker.post(`/api/sync/trigger/${batchId}/`);
    expect(trigger.statusCode).toBe(200);
    expect(trigger.json()).toEqual({ status: 'task started', task_id: expect.any(String) });
    await t.app.batchQueue.drain();

    const receipt = UploadReceipt.parse((await worker.get(`/api/sync/batches/${batchId}/`)).json());
    expect(receipt.status).toBe('applied');
    expect(receipt.results[0]).toMatchObject({ status: 'created', client_temp_id: 'p-async' });
    const patients = (await worker.get('/api/patients/')).json() as Patient[];
    expect(patients.filter((p) => p.name === 'Queued Patient')).toHaveLength(1);

    // Triggering an applied batch changes nothing.
    await worker.post(`/api/sync/trigger/${batchId}/`);
    await t.app.batchQueue.drain();
    expect(
      ((await worker.get('/api/patients/')).json() as Patient[]).filter(
        (p) => p.name === 'Queued Patient',
      ),
    ).toHaveLength(1);
    expect((await worker.get(`/api/sync/batches/${batchId}/`)).json()).toEqual(receipt);
  });

  it('answers 404 for an unknown batch, or one of another user', async () => {
    const mine = (await worker.post('/api/sync/upload/', { device_id: 'd', changes: [] })).json();
    const other = await t.as('worker2');
    expect((await other.post(`/api/sync/trigger/${mine.batch_id}/`)).statusCode).toBe(404);
    expect(
      (await worker.post('/api/sync/trigger/0191e7a0-0000-7000-8000-000000000000/')).statusCode,
    ).toBe(404);
  });
});
