import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadResponse, Patient, UploadReceipt } from '@healthsync/contracts';
import { FACILITY_A, FACILITY_B } from '../../demo/demo-data';
import { routeTable, type RouteInfo } from '../../security/route-table';
import { createTestApp, type Caller, type TestApp } from '../../test/test-app';
import { entityNames, isFacilityScoped } from './entities/registry';
import type { StoredEntity } from './entities/server-entity';

/**
 * A row that leaves a facility (an admin moves a patient; its records and appointments follow)
 * reaches the old facility as a bare removal on every pull path, whatever the new facility writes
 * into it afterwards: no name, phone, diagnosis or data of the row, then or later.
 */
let t: TestApp;
let worker: Caller;
let worker2: Caller;
let admin: Caller;
let pullPaths: RouteInfo[];

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.as('worker');
  worker2 = await t.as('worker2');
  admin = await t.as('admin');
  // Every GET that feeds a device's copy: the feed and each per-resource sync endpoint.
  pullPaths = (await routeTable(t.app)).routes.filter(
    (r) => r.method === 'GET' && (r.path === '/api/sync/download' || r.path.endsWith('/sync')),
  );
});
afterAll(() => t.close());

/** What facility A wrote, and what facility B writes after the move: neither may reach A again. */
const ORIGINAL = ['Leaving Lakshmi', '+91-9000000001', 'Old Lane, Gram', 'Cough since May'];
const AFTER_MOVE = [
  'Lakshmi Renamed In B',
  '+91-9888877777',
  'New Street, Kodoli',
  '1977-07-07',
  'AADHAAR-SECRET-42',
  'Diagnosis written in B',
  'Prescription written in B',
  'Observation data written in B',
  'Dr. Moved Renamed',
  '+91-9111122222',
];

type Moved = { entity: StoredEntity; id: string; resourceType: string; version: number };

async function cursorOf(caller: Caller): Promise<string> {
  return (await caller.get('/api/sync/status/')).json<{ server_time: string }>().server_time;
}

/** A new patient of facility A with an Observation and an appointment, each saying `note`. */
async function patientOfA(fields: Record<string, unknown>, note: string) {
  const patient = (await worker.post('/api/patients/', fields)).json<Patient>();
  const record = (
    await worker.post('/api/records/', {
      patient: patient.id,
      resource_type: 'Observation',
      data: { note },
    })
  ).json<{ id: string }>();
  const appointment = (
    await worker.post('/api/sync/upload/', {
      device_id: 'scope-exit',
      changes: [
        {
          operation: 'create',
          resource_type: 'Appointment',
          client_temp_id: `appointment-of-${patient.id}`,
          payload: {
            patient_id: patient.id,
            appointment_date: '2026-12-20T10:00:00Z',
            symptoms: note,
          },
        },
      ],
    })
  ).json<UploadReceipt>().results[0]!.server_id!;
  return { patient, record, appointment };
}

/** Facility A's patient with a record and an appointment, and a doctor of A; then each moves to B. */
async function moveEverythingToB(): Promise<{ since: string; moved: Moved[] }> {
  const { prisma } = t.database;
  const { patient, record, appointment } = await patientOfA(
    { name: ORIGINAL[0], phone_number: ORIGINAL[1], address: ORIGINAL[2], dob: '1960-01-01' },
    ORIGINAL[3]!,
  );
  const doctor = await prisma.doctor.create({
    data: { id: crypto.randomUUID(), name: 'Dr. Leaving', facilityId: FACILITY_A.id },
  });
  const since = await cursorOf(worker);

  // The moves: an admin's patient move carries its rows along; doctors have no move route, so
  // one is moved in the database (the removal mechanism is the same for every table).
  const moved = await admin.patch(`/api/patients/${patient.id}/`, { facility_id: FACILITY_B.id });
  expect(moved.statusCode, moved.body).toBe(200);
  await prisma.doctor.update({ where: { id: doctor.id }, data: { facilityId: FACILITY_B.id } });
  const versions = {
    patient: moved.json<Patient>().server_version,
    record: (await prisma.healthRecord.findUniqueOrThrow({ where: { id: record.id } }))
      .serverVersion,
    appointment: (await prisma.appointment.findUniqueOrThrow({ where: { id: appointment } }))
      .serverVersion,
    doctor: (await prisma.doctor.findUniqueOrThrow({ where: { id: doctor.id } })).serverVersion,
  };

  // Facility B makes the rows its own.
  const edits = [
    await worker2.patch(`/api/patients/${patient.id}/`, {
      name: AFTER_MOVE[0],
      phone_number: AFTER_MOVE[1],
      address: AFTER_MOVE[2],
      dob: AFTER_MOVE[3],
      identifiers: { aadhaar: AFTER_MOVE[4] },
    }),
    await worker2.put(`/api/appointments/${appointment}/sync_update/`, {
      base_version: versions.appointment,
      diagnosis: AFTER_MOVE[5],
      prescription: AFTER_MOVE[6],
    }),
    await worker2.patch(`/api/records/${record.id}/`, {
      resource_type: 'Condition',
      data: { note: AFTER_MOVE[7] },
    }),
  ];
  for (const edit of edits) expect(edit.statusCode, edit.body).toBe(200);
  await prisma.doctor.update({
    where: { id: doctor.id },
    data: { name: AFTER_MOVE[8], phoneNumber: AFTER_MOVE[9] },
  });

  return {
    since,
    moved: [
      { entity: 'Patient', id: patient.id, resourceType: 'Patient', version: versions.patient },
      {
        entity: 'HealthRecord',
        id: record.id,
        resourceType: 'Observation',
        version: versions.record,
      },
      {
        entity: 'Appointment',
        id: appointment,
        resourceType: 'Appointment',
        version: versions.appointment,
      },
      { entity: 'Doctor', id: doctor.id, resourceType: 'Doctor', version: versions.doctor },
    ],
  };
}

describe('rows that leave a facility', () => {
  it('reach it as bare removals on every pull path, never with their later contents', async () => {
    const { since, moved } = await moveEverythingToB();
    const facilityScoped = entityNames().filter(isFacilityScoped);
    expect(moved.map((m) => m.entity).sort()).toEqual([...facilityScoped].sort());
    expect(pullPaths.length).toBeGreaterThanOrEqual(facilityScoped.length + 1);

    const byId = new Map(moved.map((m) => [m.id, m]));
    const seen = new Map<string, Set<StoredEntity>>();
    for (const username of ['worker', 'doctor']) {
      const caller = await t.as(username);
      for (const route of pullPaths) {
        const feed = route.path === '/api/sync/download';
        const url = `${route.path}/?${feed ? 'since' : 'last_sync_timestamp'}=${encodeURIComponent(since)}`;
        const response = await caller.get(url);
        const what = `${username} GET ${url}`;
        expect(response.statusCode, `${what}: ${response.body}`).toBe(200);
        const leaked = [...ORIGINAL, ...AFTER_MOVE].filter((s) => response.body.includes(s));
        expect(leaked, what).toEqual([]);

        const found = seen.get(route.path) ?? new Set<StoredEntity>();
        seen.set(route.path, found);
        if (feed) {
          for (const change of response.json<DownloadResponse>().changes) {
            const exit = byId.get(change.server_id);
            if (!exit) continue;
            found.add(exit.entity);
            expect(change, `${what}: ${exit.entity}`).toStrictEqual({
              server_id: exit.id,
              resource_type: exit.resourceType,
              data: {},
              server_version: exit.version,
              updated_at: expect.any(String),
              deleted: true,
            });
          }
        } else {
          for (const row of response.json<Record<string, unknown>[]>()) {
            const exit = byId.get(String(row.id));
            if (!exit) continue;
            found.add(exit.entity);
            expect(row, `${what}: ${exit.entity}`).toStrictEqual({
              id: exit.id,
              server_version: exit.version,
              updated_at: expect.any(String),
              deleted: true,
            });
          }
        }
      }
    }
    // The feed carries every removal; each entity's own endpoint carries its removal.
    expect([...seen.get('/api/sync/download')!].sort()).toEqual([...facilityScoped].sort());
    const perResource = [...seen]
      .filter(([path]) => path !== '/api/sync/download')
      .flatMap(([, entities]) => [...entities]);
    expect(perResource.sort()).toEqual([...facilityScoped].sort());
  });

  it('move with an audit entry for the patient and each row that followed it', async () => {
    const since = await t.database.prisma.auditLog.aggregate({ _max: { id: true } });
    const { patient, record, appointment } = await patientOfA({ name: 'Audited Mover' }, 'x');
    const afterSetup = await t.database.prisma.auditLog.aggregate({ _max: { id: true } });
    expect(afterSetup._max.id! > (since._max.id ?? 0n)).toBe(true);

    const moved = await admin.patch(
      `/api/patients/${patient.id}/`,
      { facility_id: FACILITY_B.id },
      { 'x-device-id': 'admin-laptop' },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const entries = await t.database.prisma.auditLog.findMany({
      where: { id: { gt: afterSetup._max.id! } },
    });
    const adminUser = await t.authUser('admin');
    expect(entries.map((e) => `${e.entityType}:${e.entityId}:${e.action}`).sort()).toEqual(
      [
        `Appointment:${appointment}:update`,
        `HealthRecord:${record.id}:update`,
        `Patient:${patient.id}:update`,
      ].sort(),
    );
    for (const entry of entries) {
      expect(entry).toMatchObject({
        userId: adminUser.id,
        before: expect.objectContaining({ facility_id: FACILITY_A.id }),
        after: expect.objectContaining({ facility_id: FACILITY_B.id }),
      });
      expect(entry.afterVersion).toBe(entry.beforeVersion! + 1);
    }
  });
});
