import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncConflict, type Appointment, type UploadReceipt } from '@healthsync/contracts';
import { demoId, FACILITY_A, FACILITY_B } from '../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';

/** Invariant 5: server-authoritative conflicts, nothing silently lost. */
let t: TestApp, doctor: Caller, worker: Caller;
beforeAll(async () => ({ t, doctor, worker } = await openTestApp('doctor', 'worker')));
afterAll(() => t.close());

async function freshAppointment(): Promise<Appointment> {
  const receipt = (
    await worker.post('/api/sync/upload/', {
      device_id: 'setup',
      changes: [
        {
          operation: 'create',
          resource_type: 'Appointment',
          client_temp_id: crypto.randomUUID(),
          payload: {
            patient_id: demoId('patient-1'),
            doctor_id: demoId('doctor-deshmukh'),
            appointment_date: '2026-12-01T09:00:00Z',
            symptoms: 'Headache',
          },
        },
      ],
    })
  ).json<UploadReceipt>();
  const id = receipt.results[0]!.server_id!;
  return (await doctor.get('/api/appointments/sync/'))
    .json<Appointment[]>()
    .find((a) => a.id === id)!;
}

/** Two devices based on the same version: the doctor's edit lands first, the worker's is stale. */
async function conflictingEdits(staleEditor: Caller = worker) {
  const base = await freshAppointment();
  await doctor.put(`/api/appointments/${base.id}/sync_update/`, {
    client_last_synced_at: base.updated_at,
    diagnosis: 'Migraine',
  });
  const receipt = (
    await staleEditor.post('/api/sync/upload/', {
      device_id: 'tablet-2',
      changes: [
        {
          operation: 'update',
          resource_type: 'Appointment',
          server_id: base.id,
          client_change_id: crypto.randomUUID(),
          client_updated_at: base.updated_at,
          payload: { prescription: 'Paracetamol 500mg', symptoms: 'Headache, nausea' },
        },
      ],
    })
  ).json<UploadReceipt>();
  return { base, receipt };
}

describe('stale edits', () => {
  it('become a server_newer conflict holding both versions and the fields each side changed', async () => {
    const { base, receipt } = await conflictingEdits();
    expect(receipt.results[0]).toMatchObject({
      status: 'conflict',
      server_id: base.id,
      server_version: 2,
    });
    const [conflict] = receipt.conflicts;
    expect(conflict).toMatchObject({
      reason: 'server_newer',
      client_version: base.updated_at,
      current: { diagnosis: 'Migraine', prescription: null },
    });

    const stored = (await worker.get('/api/sync/conflicts/?status=open'))
      .json<SyncConflict[]>()
      .find((c) => c.id === conflict!.conflict_id)!;
    expect(SyncConflict.parse(stored)).toMatchObject({
      status: 'open',
      resource_type: 'Appointment',
      server_id: base.id,
      source: 'upload',
      device_id: 'tablet-2',
      client_changes: { prescription: 'Paracetamol 500mg', symptoms: 'Headache, nausea' },
      client_changed_fields: ['prescription', 'symptoms'],
      server_changed_fields: ['diagnosis'],
      server_row: { diagnosis: 'Migraine', server_version: 2 },
    });
    // Nothing was merged: the row is the doctor's version.
    const row = (await doctor.get('/api/appointments/sync/'))
      .json<Appointment[]>()
      .find((a) => a.id === base.id)!;
    expect(row).toMatchObject({
      diagnosis: 'Migraine',
      prescription: null,
      symptoms: 'Headache',
      server_version: 2,
    });
  });

  it('reapply writes the client fields on top of the current row, as a new audited change', async () => {
    const { base, receipt } = await conflictingEdits();
    const id = receipt.conflicts[0]!.conflict_id;
    const response = await worker.post(`/api/sync/conflicts/${id}/resolve/`, { action: 'reapply' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      conflict: { status: 'reapplied', resolved_by: expect.any(String) },
      row: {
        diagnosis: 'Migraine',
        prescription: 'Paracetamol 500mg',
        symptoms: 'Headache, nausea',
        server_version: 3,
      },
    });
    const audit = await t.database.prisma.auditLog.findMany({
      where: { entityId: base.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.afterVersion])).toEqual([
      ['create', 1],
      ['update', 2],
      ['update', 3],
    ]);
    const again = await worker.post(`/api/sync/conflicts/${id}/resolve/`, { action: 'discard' });
    expect(again.statusCode).toBe(409);
  });

  it('discard keeps the server row and closes the conflict', async () => {
    const { base, receipt } = await conflictingEdits();
    const id = receipt.conflicts[0]!.conflict_id;
    const response = await worker.post(`/api/sync/conflicts/${id}/resolve/`, { action: 'discard' });
    expect(response.json()).toMatchObject({ conflict: { status: 'discarded' }, row: null });
    const row = (await doctor.get('/api/appointments/sync/'))
      .json<Appointment[]>()
      .find((a) => a.id === base.id)!;
    expect(row).toMatchObject({ prescription: null, server_version: 2 });
  });

  it('sync_update stores its 409 as a conflict too, and a base_version works like a timestamp', async () => {
    const base = await freshAppointment();
    await doctor.put(`/api/appointments/${base.id}/sync_update/`, {
      base_version: 1,
      status: 'CONFIRMED',
    });
    const stale = await worker.put(`/api/appointments/${base.id}/sync_update/`, {
      base_version: 1,
      status: 'CANCELLED',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error_code: 'STALE_UPDATE', client_version: 'v1' });
    const conflict = (await worker.get('/api/sync/conflicts/'))
      .json<SyncConflict[]>()
      .find((c) => c.id === stale.json().conflict_id);
    expect(conflict).toMatchObject({
      source: 'sync_update',
      client_changes: { status: 'CANCELLED' },
      server_changed_fields: ['status'],
    });
  });

  it('validates before checking staleness: an invalid stale edit is a 400, not a conflict', async () => {
    const base = await freshAppointment();
    await doctor.put(`/api/appointments/${base.id}/sync_update/`, {
      base_version: 1,
      status: 'CONFIRMED',
    });
    const before = await t.database.prisma.syncConflict.count();
    const response = await worker.put(`/api/appointments/${base.id}/sync_update/`, {
      base_version: 1,
      status: 'MAYBE',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toHaveProperty('status');
    const upload = (
      await worker.post('/api/sync/upload/', {
        device_id: 'tablet-3',
        changes: [
          {
            operation: 'update',
            resource_type: 'Appointment',
            server_id: base.id,
            base_version: 1,
            payload: { status: 'MAYBE' },
          },
        ],
      })
    ).json<UploadReceipt>();
    expect(upload.results[0]).toMatchObject({
      status: 'rejected',
      errors: { 'payload.status': expect.any(String) },
    });
    expect(await t.database.prisma.syncConflict.count()).toBe(before);
  });

  it('requires a base for sync_update, and answers 404 for unknown appointments', async () => {
    const base = await freshAppointment();
    const noBase = await doctor.put(`/api/appointments/${base.id}/sync_update/`, {
      status: 'CONFIRMED',
    });
    expect(noBase.statusCode).toBe(400);
    expect(noBase.json().errors).toHaveProperty('client_last_synced_at');
    const unknown = await doctor.put(
      '/api/appointments/0191e7a0-0000-7000-8000-0000000000aa/sync_update/',
      { base_version: 1 },
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('shows each user only their own conflicts; admins see all', async () => {
    const { receipt } = await conflictingEdits();
    const id = receipt.conflicts[0]!.conflict_id;
    const others = (await doctor.get('/api/sync/conflicts/')).json<SyncConflict[]>();
    expect(others.map((c) => c.id)).not.toContain(id);
    expect(
      (await doctor.post(`/api/sync/conflicts/${id}/resolve/`, { action: 'discard' })).statusCode,
    ).toBe(404);
    const admin = await t.as('admin');
    expect(
      (await admin.get('/api/sync/conflicts/')).json<SyncConflict[]>().map((c) => c.id),
    ).toContain(id);
  });
});

describe('re-applying a conflict', () => {
  it("is decided by the caller's account as it is now, not as its token remembers it", async () => {
    const admin = await t.as('admin');
    /** A new account of facility A, signed in (its token says role `role`, facility A). */
    const account = async (username: string, role: string) => {
      const created = await admin.post('/api/admin/users/', {
        username,
        password: `${username}-demo`,
        role,
        facility_id: FACILITY_A.id,
      });
      expect(created.statusCode, created.body).toBe(201);
      return { id: created.json<{ id: string }>().id, caller: await t.as(username) };
    };
    const moved = await account('moved.worker', 'health_worker');
    const demoted = await account('demoted.admin', 'admin');
    const retyped = await account('retyped.worker', 'health_worker');
    const conflictOf = async (caller: Caller) => {
      const { base, receipt } = await conflictingEdits(caller);
      return { appointment: base.id, conflict: receipt.conflicts[0]!.conflict_id };
    };
    const cases = [
      // Moved to facility B: the appointment is no longer in its scope.
      { who: moved, change: { facility_id: FACILITY_B.id }, ...(await conflictOf(moved.caller)) },
      // No longer an admin (and in B): someone else's conflict is not its to re-apply.
      {
        who: demoted,
        change: { role: 'health_worker', facility_id: FACILITY_B.id },
        ...(await conflictOf(retyped.caller)),
      },
      // Now a pharmacist: no clinical data at all.
      {
        who: retyped,
        change: { role: 'pharmacist', pharmacy_id: demoId('pharmacy-gram-medical') },
        ...(await conflictOf(retyped.caller)),
      },
    ];
    for (const { who, change } of cases) {
      const changed = await admin.patch(`/api/admin/users/${who.id}/`, change);
      expect(changed.statusCode, changed.body).toBe(200);
    }
    for (const { who, change, appointment, conflict } of cases) {
      const what = JSON.stringify(change);
      const response = await who.caller.post(`/api/sync/conflicts/${conflict}/resolve/`, {
        action: 'reapply',
      });
      // 401 once tokens die with the change; never a write.
      expect([401, 403, 404], `${what}: ${response.body}`).toContain(response.statusCode);
      const row = await t.database.prisma.appointment.findUniqueOrThrow({
        where: { id: appointment },
      });
      expect(row.serverVersion, what).toBe(2);
      const stored = await t.database.prisma.syncConflict.findUniqueOrThrow({
        where: { id: conflict },
      });
      expect(stored.status, what).toBe('open');
    }
  });
});
