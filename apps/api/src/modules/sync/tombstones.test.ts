import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INITIAL_CURSOR,
  type DownloadResponse,
  type Patient,
  type UploadReceipt,
} from '@healthsync/contracts';
import { demoId } from '../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';
import { purgeTombstones } from './purge-tombstones';

/** Invariants 6 and 7: deletes and scope removals reach every device; purged history → 410. */
let t: TestApp, worker: Caller, worker2: Caller, admin: Caller;
beforeAll(
  async () => ({ t, worker, worker2, admin } = await openTestApp('worker', 'worker2', 'admin')),
);
afterAll(() => t.close());

const cursorNow = async (caller: Caller) =>
  (await caller.get('/api/sync/status/')).json().server_time as string;
const download = async (caller: Caller, since: string) =>
  (
    await caller.get(`/api/sync/download/?since=${encodeURIComponent(since)}`)
  ).json<DownloadResponse>();

describe('tombstones', () => {
  it('travel through every pull path, and a first sync leaves them out', async () => {
    const since = await cursorNow(worker);
    const patient = (
      await worker.post('/api/patients/', { name: 'To Be Deleted' })
    ).json<Patient>();
    const record = (
      await worker.post('/api/records/', {
        patient: patient.id,
        resource_type: 'Condition',
        data: { code: 'x' },
      })
    ).json();
    const appointment = (
      await worker.post('/api/sync/upload/', {
        device_id: 'd',
        changes: [
          {
            operation: 'create',
            resource_type: 'Appointment',
            client_temp_id: 'a',
            payload: { patient_id: patient.id, appointment_date: '2026-12-02T10:00:00Z' },
          },
        ],
      })
    ).json<UploadReceipt>().results[0]!.server_id!;

    await worker.delete(`/api/records/${record.id}/`);
    await worker.post('/api/sync/upload/', {
      device_id: 'd',
      changes: [
        {
          operation: 'delete',
          resource_type: 'Appointment',
          server_id: appointment,
          base_version: 1,
        },
      ],
    });
    await worker.delete(`/api/patients/${patient.id}/`);

    const changes = (await download(worker, since)).changes;
    for (const id of [patient.id, record.id, appointment]) {
      expect(changes.filter((c) => c.server_id === id).map((c) => c.deleted)).toEqual([true]);
    }
    const q = `?last_sync_timestamp=${encodeURIComponent(since)}`;
    expect((await worker.get(`/api/patients/sync/${q}`)).json()).toContainEqual(
      expect.objectContaining({ id: patient.id, deleted: true }),
    );
    expect((await worker.get(`/api/records/sync/${q}`)).json()).toContainEqual(
      expect.objectContaining({ id: record.id, deleted: true }),
    );
    expect((await worker.get(`/api/appointments/sync/${q}`)).json()).toContainEqual(
      expect.objectContaining({ id: appointment, deleted: true }),
    );

    const first = await download(worker, INITIAL_CURSOR);
    expect(first.changes.map((c) => c.server_id)).not.toContain(patient.id);
    expect(
      ((await worker.get('/api/patients/sync/')).json() as Patient[]).map((p) => p.id),
    ).not.toContain(patient.id);
  });

  it('are purged after the retention window; older cursors then get 410 RESYNC_REQUIRED', async () => {
    const old = await cursorNow(worker);
    const patient = (await worker.post('/api/patients/', { name: 'Purged Later' })).json<Patient>();
    await worker.delete(`/api/patients/${patient.id}/`);
    const afterDelete = await cursorNow(worker);

    const result = await purgeTombstones(t.database.prisma, new Date(Date.now() + 60_000));
    expect(result.purged).toBeGreaterThan(0);
    expect(await t.database.prisma.patient.findUnique({ where: { id: patient.id } })).toBeNull();

    const gone = await worker.get(`/api/sync/download/?since=${encodeURIComponent(old)}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ error_code: 'RESYNC_REQUIRED' });
    const goneToo = await worker.get(
      `/api/patients/sync/?last_sync_timestamp=${encodeURIComponent(old)}`,
    );
    expect(goneToo.statusCode).toBe(410);

    expect(
      (await worker.get(`/api/sync/download/?since=${encodeURIComponent(afterDelete)}`)).statusCode,
    ).toBe(200);
    expect((await worker.get(`/api/sync/download/?since=${INITIAL_CURSOR}`)).statusCode).toBe(200);
    // A first sync in pages still completes: its holder had nothing the purge could concern.
    let cursor = INITIAL_CURSOR;
    for (let pages = 0; ; pages++) {
      const page = await worker.get(
        `/api/sync/download/?since=${encodeURIComponent(cursor)}&limit=2`,
      );
      expect(page.statusCode).toBe(200);
      const body = page.json<DownloadResponse>();
      cursor = body.next_cursor;
      if (!body.has_more) break;
      expect(pages).toBeLessThan(500);
    }
    let lastSync: string | undefined;
    for (let more = true; more;) {
      const query = lastSync ? `&last_sync_timestamp=${encodeURIComponent(lastSync)}` : '';
      const page = await worker.get(`/api/patients/sync/?limit=1${query}`);
      expect(page.statusCode).toBe(200);
      lastSync = page.headers['x-last-sync'] as string;
      more = page.headers['x-has-more'] === 'true';
    }

    // A second purge with nothing to remove leaves the watermark where it was.
    expect(
      (await purgeTombstones(t.database.prisma, new Date(Date.now() + 60_000))).watermark,
    ).toBe(result.watermark);
  });
});

describe('scope changes', () => {
  it('reach the old facility as removals and the new one as live rows', async () => {
    const patient = (await worker.post('/api/patients/', { name: 'Moving Away' })).json<Patient>();
    const record = (
      await worker.post('/api/records/', {
        patient: patient.id,
        resource_type: 'Observation',
        data: {},
      })
    ).json();
    const sinceA = await cursorNow(worker);
    const sinceB = await cursorNow(worker2);
    const facilityB = (await worker2.get('/api/auth/me/')).json().facility_id;

    const moved = await admin.patch(`/api/patients/${patient.id}/`, { facility_id: facilityB });
    expect(moved.json()).toMatchObject({ facility_id: facilityB });

    const forA = (await download(worker, sinceA)).changes;
    expect(forA.find((c) => c.server_id === patient.id)).toMatchObject({
      resource_type: 'Patient',
      deleted: true,
      data: {},
    });
    expect(forA.find((c) => c.server_id === record.id)).toMatchObject({
      resource_type: 'Observation',
      deleted: true,
      data: {},
    });
    const viaPatients = (
      await worker.get(`/api/patients/sync/?last_sync_timestamp=${encodeURIComponent(sinceA)}`)
    ).json() as Patient[];
    expect(viaPatients.find((p) => p.id === patient.id)).toMatchObject({ deleted: true });
    expect((await worker.get(`/api/patients/${patient.id}/`)).statusCode).toBe(404);

    const forB = (await download(worker2, sinceB)).changes;
    expect(forB.find((c) => c.server_id === patient.id)).toMatchObject({
      deleted: false,
      data: { name: 'Moving Away', facility_id: facilityB },
    });
    expect(forB.find((c) => c.server_id === record.id)).toMatchObject({ deleted: false });
    expect((await worker2.get(`/api/patients/${patient.id}/`)).statusCode).toBe(200);
  });

  it('keeps a returning row live for its old facility (removal, then the row again)', async () => {
    const patient = (await worker.post('/api/patients/', { name: 'Round Trip' })).json<Patient>();
    const since = await cursorNow(worker);
    const facilityA = patient.facility_id;
    const facilityB = (await worker2.get('/api/auth/me/')).json().facility_id;
    await admin.patch(`/api/patients/${patient.id}/`, { facility_id: facilityB });
    await admin.patch(`/api/patients/${patient.id}/`, { facility_id: facilityA });
    const entries = (await download(worker, since)).changes.filter(
      (c) => c.server_id === patient.id,
    );
    expect(entries.map((c) => c.deleted)).toEqual([true, false]);
  });
});

describe('scope of facility B', () => {
  it('never shows or changes facility A data through any endpoint', async () => {
    const ramesh = demoId('patient-1');
    const appointment = demoId('appointment-101');
    const record = demoId('observation-temp-1');
    const everything = (await download(worker2, INITIAL_CURSOR)).changes;
    const facilityA = (await worker.get('/api/auth/me/')).json().facility_id;
    // Pharmacies, medicines and stock are shared by every facility; clinical rows are not.
    const clinical = everything.filter(
      (c) => !['Pharmacy', 'Medicine', 'InventoryItem'].includes(c.resource_type),
    );
    expect(clinical.length).toBeGreaterThan(0);
    expect(clinical.filter((c) => c.data.facility_id === facilityA)).toEqual([]);
    for (const path of ['patients', 'appointments', 'records', 'doctors']) {
      const rows = (await worker2.get(`/api/${path}/sync/`)).json() as { facility_id: string }[];
      expect(rows.filter((r) => r.facility_id === facilityA)).toEqual([]);
    }
    expect(
      (
        await worker2.put(`/api/appointments/${appointment}/sync_update/`, {
          base_version: 1,
          diagnosis: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const receipt = (
      await worker2.post('/api/sync/upload/', {
        device_id: 'b-phone',
        changes: [
          {
            operation: 'update',
            resource_type: 'Patient',
            server_id: ramesh,
            base_version: 1,
            payload: { name: 'Hijacked' },
          },
          { operation: 'delete', resource_type: 'Observation', server_id: record, base_version: 1 },
          {
            operation: 'create',
            resource_type: 'Observation',
            client_temp_id: 'x',
            payload: { patient_id: ramesh, value: 1 },
          },
          {
            operation: 'create',
            resource_type: 'Appointment',
            client_temp_id: 'y',
            payload: { patient_id: ramesh, appointment_date: '2026-12-01T09:00:00Z' },
          },
        ],
      })
    ).json<UploadReceipt>();
    expect(receipt.results.map((r) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(await t.database.prisma.patient.findUnique({ where: { id: ramesh } })).toMatchObject({
      name: 'Ramesh Patil',
      serverVersion: 1,
    });
    expect(
      await t.database.prisma.healthRecord.findUnique({ where: { id: record } }),
    ).toMatchObject({ deleted: false });
  });

  it("keeps pharmacists to stock: no clinical data, only their own pharmacy's stock changes", async () => {
    const pharmacist = await t.as('pharmacist');
    expect((await pharmacist.get('/api/patients/sync/')).statusCode).toBe(403);
    const types = new Set(
      (await download(pharmacist, INITIAL_CURSOR)).changes.map((c) => c.resource_type),
    );
    expect([...types].sort()).toEqual(['InventoryItem', 'Medicine', 'Pharmacy']);
    const own = demoId('inventory-pharmacy-gram-medical-medicine-paracetamol');
    const other = demoId('inventory-pharmacy-village-care-medicine-paracetamol');
    const receipt = (
      await pharmacist.post('/api/sync/upload/', {
        device_id: 'counter',
        changes: [
          {
            operation: 'update',
            resource_type: 'InventoryItem',
            server_id: own,
            base_version: 1,
            payload: { quantity_available: 240 },
          },
          {
            operation: 'update',
            resource_type: 'InventoryItem',
            server_id: other,
            base_version: 1,
            payload: { quantity_available: 999 },
          },
          {
            operation: 'create',
            resource_type: 'Patient',
            client_temp_id: 'p',
            payload: { name: 'Not yours' },
          },
        ],
      })
    ).json<UploadReceipt>();
    expect(receipt.results.map((r) => r.status)).toEqual(['updated', 'rejected', 'rejected']);
    const stock = (await worker.get('/api/pharmacy-inventory/sync/')).json() as {
      id: string;
      quantity_available: number;
    }[];
    expect(stock.find((s) => s.id === own)?.quantity_available).toBe(240);
    expect(stock.find((s) => s.id === other)?.quantity_available).toBe(0);
  });
});
