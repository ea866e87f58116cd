import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Appointment,
  Patient,
  UploadChange,
  UploadReceipt,
  UploadRequest,
} from '@healthsync/contracts';
import { demoId } from '../../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../../test/test-app';
import { uploadBatch } from './upload-batch';

/**
 * The bulk writers must be invisible: a batch gets the same receipt, rows, audit trail and
 * conflicts as when every change is applied alone. Each scenario is built twice on fresh rows and
 * applied once each way.
 */
let t: TestApp, worker: Caller, worker2: Caller, admin: Caller;
beforeAll(
  async () =>
    ({ t, worker, worker2, admin } = await openTestApp('worker', 'worker2', 'admin', 'pharmacist')),
);
afterAll(() => t.close());

async function upload(
  username: string,
  request: UploadRequest,
  hooks: { oneByOne?: boolean; onBulkRun?: (size: number) => void } = {},
) {
  const user = await t.authUser(username);
  const actor = { userId: user.id, deviceId: request.device_id, requestId: null };
  return uploadBatch(t.database.prisma, user, actor, request, hooks);
}

const patientEdit = (id: string, base: number, payload: Record<string, unknown>) =>
  ({
    operation: 'update',
    resource_type: 'Patient',
    server_id: id,
    base_version: base,
    client_change_id: randomUUID(),
    payload,
  }) satisfies UploadChange;

const appointmentCreate = (payload: Record<string, unknown>, tempId?: string) =>
  ({
    operation: 'create',
    resource_type: 'Appointment',
    client_change_id: randomUUID(),
    ...(tempId ? { client_temp_id: tempId } : {}),
    payload: { appointment_date: '2026-12-03T10:30:00.123456Z', symptoms: 'Cough', ...payload },
  }) satisfies UploadChange;

const patientCreate = (payload: Record<string, unknown>, tempId?: string) =>
  ({
    operation: 'create',
    resource_type: 'Patient',
    client_change_id: randomUUID(),
    ...(tempId ? { client_temp_id: tempId } : {}),
    payload,
  }) satisfies UploadChange;

/** Every outcome a patient edit, a new patient or a new appointment can have, in one batch. */
async function mixedBatch(tag: string) {
  const patient = async (caller: Caller, name: string) =>
    (
      await caller.post('/api/patients/', { name: `${tag} ${name}`, address: 'Old Road' })
    ).json<Patient>();
  const fresh = await patient(worker, 'fresh');
  const fields = await patient(worker, 'fields');
  const byStamp = await patient(worker, 'by stamp');
  const twice = await patient(worker, 'twice');
  const stale = await patient(worker, 'stale');
  const staleByStamp = await patient(worker, 'stale by stamp');
  const deleted = await patient(worker, 'deleted');
  const sameFacility = await patient(worker, 'same facility');
  const elsewhere = await patient(worker2, 'elsewhere');
  await worker.put(`/api/patients/${stale.id}/`, { name: `${tag} stale`, address: 'Server Road' });
  const edited = await worker.put(`/api/patients/${staleByStamp.id}/`, {
    name: `${tag} stale by stamp`,
    gender: 'female',
  });
  expect(edited.statusCode).toBe(200);
  await worker.delete(`/api/patients/${deleted.id}/`);

  const otherDoctor = await t.database.prisma.doctor.create({
    data: { id: randomUUID(), name: `${tag} Dr. Elsewhere`, facilityId: demoId('facility-b') },
  });
  const existingId = randomUUID();
  const takenElsewhereId = randomUUID();
  await upload('worker', {
    device_id: `${tag}-setup`,
    changes: [appointmentCreate({ id: existingId, patient_id: fresh.id })],
  });
  await upload('worker2', {
    device_id: `${tag}-setup-b`,
    changes: [appointmentCreate({ id: takenElsewhereId, patient_id: elsewhere.id })],
  });

  const repeated = patientEdit(fresh.id, 1, { phone_number: '+91-900' });
  const newPatientId = randomUUID();
  const changes: UploadChange[] = [
    repeated,
    patientEdit(fields.id, 1, { dob: '1990-02-03', identifiers: { abha: '12-34' }, fhir: null }),
    {
      ...patientEdit(byStamp.id, 1, { gender: 'male' }),
      base_version: undefined,
      client_updated_at: byStamp.updated_at,
    },
    patientEdit(twice.id, 1, { address: 'First Road' }),
    patientEdit(twice.id, 1, { address: 'Second Road' }), // stale once the first lands
    patientEdit(stale.id, 1, { address: 'Client Road' }),
    {
      ...patientEdit(staleByStamp.id, 1, { address: 'Client Road' }),
      base_version: undefined,
      client_updated_at: staleByStamp.updated_at,
    },
    patientEdit(deleted.id, 2, { address: 'Ghost Road' }),
    patientEdit(elsewhere.id, 1, { address: 'Not Yours' }),
    patientEdit(randomUUID(), 1, { address: 'Nobody' }),
    patientEdit(sameFacility.id, 1, { facility_id: demoId('facility-a'), gender: null }),
    patientEdit(fresh.id, 2, { name: '' }), // invalid: refused alone
    { ...repeated, payload: { phone_number: '+91-999' } }, // a retry of the first change
    patientCreate({ id: newPatientId, name: `${tag} new` }, `${tag}-new`),
    patientCreate(
      { name: `${tag} no id`, dob: '1984-05-06', gender: 'female', identifiers: { abha: '91-1' } },
      `${tag}-no-id`,
    ),
    patientCreate({ id: fresh.id, name: `${tag} fresh` }), // arriving again
    patientCreate({ id: elsewhere.id, name: `${tag} taken` }),
    patientCreate({
      id: randomUUID(),
      name: `${tag} own facility`,
      facility_id: demoId('facility-a'),
      fhir: { resourceType: 'Patient' },
    }),
    patientCreate({ id: randomUUID(), name: `${tag} other`, facility_id: demoId('facility-b') }),
    patientCreate({ id: randomUUID(), name: ' ' }), // invalid: refused alone
    appointmentCreate({ patient_id: newPatientId, doctor_id: demoId('doctor-deshmukh') }, 'a-1'),
    appointmentCreate({
      id: randomUUID(),
      patient_id: fresh.id,
      status: 'CONFIRMED',
      follow_up_date: '2026-12-17',
    }),
    appointmentCreate({ id: existingId, patient_id: fresh.id }), // arriving again
    appointmentCreate({ id: takenElsewhereId, patient_id: fresh.id }),
    appointmentCreate({ id: randomUUID(), patient_id: elsewhere.id }),
    appointmentCreate({ id: randomUUID(), patient_id: deleted.id }),
    appointmentCreate({ id: randomUUID(), patient_id: fresh.id, doctor_id: otherDoctor.id }),
    appointmentCreate({ patient_id: fresh.id }), // neither an id nor a temp id
    appointmentCreate({ id: randomUUID(), patient_id: fresh.id, status: 'LOST' }),
  ];
  const rows = {
    fresh,
    fields,
    byStamp,
    twice,
    stale,
    staleByStamp,
    deleted,
    sameFacility,
    elsewhere,
  };
  return { request: { device_id: `${tag}-phone`, batch_id: randomUUID(), changes }, rows };
}

/** A receipt without what differs between two runs on different rows (ids, times). */
function shapeOf(receipt: UploadReceipt) {
  return {
    status: receipt.status,
    results: receipt.results.map((r) => ({
      index: r.index,
      status: r.status,
      resource_type: r.resource_type,
      server_version: r.server_version,
      errors: r.errors,
      has_server_id: r.server_id !== null,
      has_conflict: r.conflict_id !== null,
    })),
    conflicts: receipt.conflicts.map((c) => ({ index: c.index, reason: c.reason })),
  };
}

async function stateOf(rows: Record<string, Patient>, receipt: UploadReceipt) {
  const db = t.database.prisma;
  const ids = Object.values(rows).map((row) => row.id);
  const written = receipt.results.flatMap((r) => (r.server_id ? [r.server_id] : []));
  const patients = await db.patient.findMany({ where: { id: { in: [...ids, ...written] } } });
  const appointments = await db.appointment.findMany({
    where: { OR: [{ patientId: { in: ids } }, { id: { in: written } }] },
  });
  const batchAudit = await db.auditLog.findMany({
    where: { clientDeviceId: receipt.device_id },
    orderBy: { id: 'asc' },
  });
  const conflicts = await db.syncConflict.findMany({ where: { batchId: receipt.batch_id } });
  const byName = Object.fromEntries(Object.entries(rows).map(([key, row]) => [row.id, key]));
  return {
    patients: patients
      .map((p) => ({
        // A patient the batch created, by its name without the run's tag.
        key: byName[p.id] ?? `new: ${p.name.split(' ').slice(1).join(' ')}`,
        owner: p.ownerId !== null,
        facility: p.facilityId,
        address: p.address,
        phone: p.phoneNumber,
        gender: p.gender,
        dob: p.dob?.toISOString() ?? null,
        identifiers: p.identifiers,
        fhir: p.fhir,
        version: p.serverVersion,
        deleted: p.deleted,
        synced: p.lastSyncedAt !== null,
      }))
      .sort((a, b) => String(a.key).localeCompare(String(b.key))),
    appointments: appointments
      .map((a) => ({
        patient: byName[a.patientId] ?? 'new',
        status: a.status,
        date: a.appointmentDate.toISOString(),
        followUp: a.followUpDate?.toISOString() ?? null,
        doctor: a.doctorId !== null,
        version: a.serverVersion,
        synced: a.lastSyncedAt !== null,
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    // Within a batch, audit entries of different rows need not keep the batch's order.
    audit: batchAudit
      .map((entry) => ({
        action: entry.action,
        entity: entry.entityType,
        versions: [entry.beforeVersion, entry.afterVersion],
        changed: Object.keys((entry.after ?? {}) as object).filter(
          (key) =>
            JSON.stringify((entry.after as Record<string, unknown>)[key]) !==
            JSON.stringify(((entry.before ?? {}) as Record<string, unknown>)[key]),
        ),
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    conflicts: conflicts
      .map((c) => ({
        entity: c.entityType,
        client: c.clientChangedFields,
        server: c.serverChangedFields,
        version: c.serverVersion,
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

const recordCreate = (
  resourceType: string,
  payload: Record<string, unknown>,
  tempId: string | null = randomUUID(),
) =>
  ({
    operation: 'create',
    resource_type: resourceType,
    client_change_id: randomUUID(),
    ...(tempId ? { client_temp_id: tempId } : {}),
    payload,
  }) satisfies UploadChange;

const heartRate = (value: number) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
  valueQuantity: { value, unit: '/min' },
});

/** Every outcome a new health record can have, in one worker's batch. */
async function recordBatch(tag: string) {
  const patient = async (caller: Caller, name: string) =>
    (await caller.post('/api/patients/', { name: `${tag} ${name}` })).json<Patient>();
  const mine = await patient(worker, 'mine');
  const gone = await patient(worker, 'gone');
  const elsewhere = await patient(worker2, 'elsewhere');
  await worker.delete(`/api/patients/${gone.id}/`);
  const existingId = randomUUID();
  const takenElsewhereId = randomUUID();
  await upload('worker', {
    device_id: `${tag}-setup`,
    changes: [
      recordCreate('Observation', { id: existingId, patient_id: mine.id, ...heartRate(70) }),
    ],
  });
  await upload('worker2', {
    device_id: `${tag}-setup-b`,
    changes: [recordCreate('Condition', { id: takenElsewhereId, patient_id: elsewhere.id })],
  });
  const changes: UploadChange[] = [
    recordCreate('Observation', { patient_id: mine.id, ...heartRate(72) }),
    recordCreate('Observation', { id: randomUUID(), patient: mine.id, ...heartRate(80) }),
    recordCreate('Observation', { id: existingId, patient_id: mine.id, ...heartRate(70) }), // again
    recordCreate('Condition', { id: existingId, patient_id: mine.id }), // its id, another type
    recordCreate('Condition', { id: takenElsewhereId, patient_id: mine.id }),
    recordCreate('Observation', { patient_id: mine.id, resourceType: 'Observation', status: 'x' }),
    recordCreate('Observation', { patient_id: mine.id, resourceType: 'Condition' }),
    recordCreate('Observation', { patient_id: mine.id, value: 120 }), // not FHIR: accepted
    recordCreate('Observation', { patient_id: gone.id, ...heartRate(90) }),
    recordCreate('Observation', { patient_id: elsewhere.id, ...heartRate(90) }),
    recordCreate('Observation', { patient_id: randomUUID(), ...heartRate(90) }),
    recordCreate('Observation', { id: 'not-a-uuid', patient_id: mine.id, value: 1 }),
    recordCreate('Observation', { value: 2 }), // no patient: refused alone
    recordCreate('AllergyIntolerance', { patient_id: mine.id, note: 'penicillin' }),
    recordCreate('Observation', { patient_id: mine.id, value: 3 }, null), // no temp id: alone
  ];
  return {
    request: { device_id: `${tag}-phone`, batch_id: randomUUID(), changes },
    patients: [mine, gone, elsewhere],
  };
}

const edit = (resourceType: string, id: string, base: number, payload: Record<string, unknown>) =>
  ({
    operation: 'update',
    resource_type: resourceType,
    server_id: id,
    base_version: base,
    client_change_id: randomUUID(),
    payload,
  }) satisfies UploadChange;

const remove = (resourceType: string, id: string, base: number) => ({
  ...edit(resourceType, id, base, {}),
  operation: 'delete' as const,
});

/** Every outcome an edit or delete of a patient, visit or health record can have, in one batch. */
async function editBatch(tag: string) {
  const patient = async (caller: Caller, name: string) =>
    (await caller.post('/api/patients/', { name: `${tag} ${name}` })).json<Patient>();
  const mine = await patient(worker, 'mine');
  const other = await patient(worker, 'other');
  const elsewhere = await patient(worker2, 'elsewhere');
  // Rows made through uploads (one by one), then made stale or deleted the same way.
  const setup = async (username: string, changes: UploadChange[]) =>
    (
      await upload(username, { device_id: `${tag}-setup`, changes }, { oneByOne: true })
    ).results.map((r) => ({ id: r.server_id!, updated_at: r.updated_at! }));
  const visitOf = (patientId: string) =>
    appointmentCreate({ id: randomUUID(), patient_id: patientId, symptoms: `${tag} fever` });
  const recordOf = (patientId: string, data: Record<string, unknown>) =>
    recordCreate('Observation', { id: randomUUID(), patient_id: patientId, ...data });
  const [v1, v2, v3, v4, v5, v6, v7, v8, r1, r2, r3, r4, r5, r6, r7] = await setup('worker', [
    ...Array.from({ length: 8 }, () => visitOf(mine.id)),
    ...[70, 71, 72, 73, 74].map((value) => recordOf(mine.id, heartRate(value))),
    recordOf(mine.id, { value: 1 }),
    recordOf(mine.id, { value: 2 }),
  ]);
  const leaving = await patient(worker, 'leaving');
  const left = await patient(worker, 'left');
  await worker.delete(`/api/patients/${left.id}/`);
  const [theirs] = await setup('worker2', [visitOf(elsewhere.id)]);
  await setup('worker', [
    edit('Appointment', v3!.id, 1, { status: 'CONFIRMED' }), // v3 now stale at 1
    { ...edit('Appointment', v4!.id, 1, {}), operation: 'delete' },
    edit('Observation', r3!.id, 1, heartRate(90)), // r3 now stale at 1
    { ...edit('Observation', r4!.id, 1, {}), operation: 'delete' },
  ]);
  const changes: UploadChange[] = [
    edit('Appointment', v1!.id, 1, {
      status: 'COMPLETED',
      diagnosis: 'Viral fever',
      follow_up_date: '2026-12-19',
    }),
    {
      ...edit('Appointment', v2!.id, 1, {
        appointment_date: '2026-12-05T10:30:00+05:30',
        prescription: null,
        follow_up_date: null,
      }),
      base_version: undefined,
      client_updated_at: v2!.updated_at,
    },
    edit('Appointment', v3!.id, 1, { diagnosis: 'Stale' }),
    edit('Appointment', v4!.id, 2, { diagnosis: 'Deleted' }),
    edit('Appointment', theirs!.id, 1, { diagnosis: 'Not mine' }),
    edit('Appointment', randomUUID(), 1, { diagnosis: 'Nobody' }),
    edit('Appointment', v5!.id, 1, { status: 'CANCELLED' }),
    edit('Appointment', v5!.id, 1, { status: 'NO_SHOW' }), // stale once the first lands
    edit('Appointment', v6!.id, 1, { patient_id: other.id }), // names a patient: alone
    edit('Appointment', v7!.id, 1, { status: 'LOST' }), // invalid: alone
    edit('Observation', r1!.id, 1, { valueQuantity: { value: 75, unit: '/min' } }),
    edit('Observation', r2!.id, 1, { patient_id: mine.id, status: 'amended' }),
    edit('Observation', r3!.id, 1, { status: 'amended' }),
    edit('Observation', r4!.id, 2, { status: 'amended' }),
    edit('Condition', r5!.id, 1, { note: [{ text: 'wrong type' }] }),
    edit('Observation', r5!.id, 1, { valueQuantity: 'seventy' }),
    edit('Observation', r6!.id, 1, { value: 2 }),
    edit('Observation', r1!.id, 2, { patient_id: other.id }), // moves it: alone
    remove('Appointment', v8!.id, 1),
    remove('Appointment', v4!.id, 2), // already deleted: done
    remove('Appointment', v3!.id, 1), // stale: a conflict
    remove('Appointment', theirs!.id, 1),
    remove('Observation', r7!.id, 1),
    remove('Observation', r4!.id, 2), // already deleted
    remove('Condition', r6!.id, 1), // another type: not found
    remove('Patient', leaving.id, 1),
    remove('Patient', left.id, 2),
  ];
  return {
    request: { device_id: `${tag}-phone`, batch_id: randomUUID(), changes },
    patients: [mine, other, elsewhere, leaving, left],
  };
}

const stockCreate = (payload: Record<string, unknown>, tempId: string | null = randomUUID()) =>
  recordCreate('InventoryItem', payload, tempId);

/**
 * Every outcome a stock change can have: a pharmacist's, an admin's and a health worker's batch
 * of new, edited and deleted stock rows (on medicines of their own, so each run starts afresh).
 */
async function inventoryBatch(tag: string) {
  const db = t.database.prisma;
  const own = demoId('pharmacy-gram-medical');
  const other = demoId('pharmacy-village-care');
  const medicines = Array.from({ length: 14 }, (_, i) => `m${i}`);
  const ids = Object.fromEntries(medicines.map((key) => [key, randomUUID()]));
  await db.medicine.createMany({
    data: medicines.map((key) => ({ id: ids[key]!, name: `${tag} ${key}` })),
  });
  const goneMedicine = await db.medicine.create({
    data: { id: randomUUID(), name: `${tag} gone`, deleted: true },
  });
  const gonePharmacy = await db.pharmacy.create({
    data: { id: randomUUID(), name: `${tag} closed`, deleted: true },
  });
  const setup = async (username: string, changes: UploadChange[]) =>
    (
      await upload(username, { device_id: `${tag}-setup`, changes }, { oneByOne: true })
    ).results.map((r) => ({ id: r.server_id!, updated_at: r.updated_at! }));
  const stockOf = (pharmacy: string, medicine: string, quantity = 10) =>
    stockCreate({
      id: randomUUID(),
      pharmacy_id: pharmacy,
      medicine_id: ids[medicine],
      quantity_available: quantity,
    });
  const [s1, s2, s3, s4, s5, s6, s7, s8] = await setup('pharmacist', [
    ...['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'].map((m) => stockOf(own, m)),
  ]);
  const [v1, v2, v3] = await setup('admin', [
    stockOf(other, 'm1', 0),
    stockOf(other, 'm2'),
    stockOf(other, 'm3'),
  ]);
  await setup('pharmacist', [
    edit('InventoryItem', s3!.id, 1, { quantity_available: 4 }), // s3 now stale at 1
    remove('InventoryItem', s4!.id, 1), // s4 now deleted
    edit('InventoryItem', s8!.id, 1, { quantity_available: 5 }), // s8 now stale at 1
  ]);
  await setup('admin', [edit('InventoryItem', v2!.id, 1, { quantity_available: 3 })]);
  const patient = (await worker.post('/api/patients/', { name: `${tag} patient` })).json<Patient>();
  const pharmacist = [
    stockCreate({
      id: randomUUID(),
      pharmacy_id: own,
      medicine_id: ids.m9,
      quantity_available: 5,
      reorder_level: 6,
    }),
    stockCreate({ pharmacy_id: own, medicine_id: ids.m10, quantity_available: 0 }, 'temp-m10'),
    stockCreate({ id: s1!.id, pharmacy_id: own, medicine_id: ids.m1, quantity_available: 10 }), // again
    stockCreate({ id: randomUUID(), pharmacy_id: own, medicine_id: ids.m1, quantity_available: 1 }), // pair taken
    stockCreate({ id: randomUUID(), pharmacy_id: own, medicine_id: ids.m9, quantity_available: 2 }), // taken in run
    stockCreate({ id: randomUUID(), pharmacy_id: own, medicine_id: ids.m4, quantity_available: 2 }), // by a deleted row
    stockCreate({
      id: randomUUID(),
      pharmacy_id: other,
      medicine_id: ids.m11,
      quantity_available: 2,
    }), // not theirs
    stockCreate({ id: patient.id, pharmacy_id: own, medicine_id: ids.m12, quantity_available: 2 }), // a patient's id
    stockCreate({
      id: randomUUID(),
      pharmacy_id: own,
      medicine_id: ids.m13,
      quantity_available: -1,
    }), // alone
    stockCreate({ pharmacy_id: own, medicine_id: ids.m13, quantity_available: 3 }, null), // no temp id
    edit('InventoryItem', s1!.id, 1, { quantity_available: 7, reorder_level: 3 }),
    {
      ...edit('InventoryItem', s2!.id, 1, {
        quantity_available: 0,
        reorder_level: null,
        pharmacy_name: 'ignored',
      }),
      base_version: undefined,
      client_updated_at: s2!.updated_at,
    },
    edit('InventoryItem', s3!.id, 1, { quantity_available: 9 }), // stale
    edit('InventoryItem', s4!.id, 2, { quantity_available: 9 }), // deleted on the server
    edit('InventoryItem', v1!.id, 1, { quantity_available: 9 }), // another pharmacy's
    edit('InventoryItem', v2!.id, 1, { quantity_available: 9 }), // another's, stale
    edit('InventoryItem', ids.m5!, 1, { quantity_available: 9 }), // a medicine's id
    edit('InventoryItem', randomUUID(), 1, { quantity_available: 9 }),
    edit('InventoryItem', s5!.id, 1, { quantity_available: 8 }),
    edit('InventoryItem', s5!.id, 1, { quantity_available: 6 }), // stale once the first lands
    edit('InventoryItem', s6!.id, 1, { quantity_available: 10_000_001 }), // alone
    edit('InventoryItem', s6!.id, 1, { quantity_available: 3, note: 'x' }), // alone
    edit('InventoryItem', s6!.id, 1, { quantity_available: 3 }),
    remove('InventoryItem', s7!.id, 1),
    remove('InventoryItem', s4!.id, 2), // already deleted
    remove('InventoryItem', s8!.id, 1), // stale
    remove('InventoryItem', v3!.id, 1), // another pharmacy's
    remove('InventoryItem', ids.m6!, 1), // a medicine's id
  ];
  const byAdmin = [
    stockCreate({
      id: randomUUID(),
      pharmacy_id: other,
      medicine_id: ids.m11,
      quantity_available: 4,
    }),
    stockCreate({
      id: randomUUID(),
      pharmacy_id: gonePharmacy.id,
      medicine_id: ids.m12,
      quantity_available: 1,
    }),
    stockCreate({
      id: randomUUID(),
      pharmacy_id: randomUUID(),
      medicine_id: ids.m12,
      quantity_available: 1,
    }),
    stockCreate({
      id: randomUUID(),
      pharmacy_id: other,
      medicine_id: goneMedicine.id,
      quantity_available: 1,
    }),
    stockCreate({
      id: randomUUID(),
      pharmacy_id: other,
      medicine_id: randomUUID(),
      quantity_available: 1,
    }),
    stockCreate({
      id: randomUUID(),
      pharmacy_id: other,
      medicine_id: ids.m12,
      quantity_available: 'many',
    }),
    edit('InventoryItem', v1!.id, 1, { quantity_available: 12 }),
    edit('InventoryItem', s1!.id, 2, { quantity_available: 11 }), // any pharmacy's (after the pharmacist's)
    remove('InventoryItem', v3!.id, 1),
  ];
  const byWorker = [
    stockCreate({
      id: randomUUID(),
      pharmacy_id: own,
      medicine_id: ids.m13,
      quantity_available: 1,
    }),
    edit('InventoryItem', s2!.id, 2, { quantity_available: 1 }),
    edit('InventoryItem', s3!.id, 1, { quantity_available: 1 }), // stale: a conflict before the refusal
    remove('InventoryItem', s2!.id, 2),
  ];
  const batch = (who: string, changes: UploadChange[]) => ({
    username: who,
    request: { device_id: `${tag}-${who}`, batch_id: randomUUID(), changes },
  });
  return {
    batches: [batch('pharmacist', pharmacist), batch('admin', byAdmin), batch('worker', byWorker)],
    medicines: { ...Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k])) },
  };
}

describe('bulk writers', () => {
  it('give a mixed batch the receipt, rows, audit and conflicts of applying it one by one', async () => {
    const reference = await mixedBatch('alone');
    const expected = await upload('worker', reference.request, { oneByOne: true });
    const bulk = await mixedBatch('bulk');
    const runs: number[] = [];
    const receipt = await upload('worker', bulk.request, { onBulkRun: (size) => runs.push(size) });
    // Edits until the second edit of one row; edits until the invalid one; new patients until
    // one for another facility; the new appointments until the one without an id (the retry, the
    // other facility's patient and the invalid one run alone in between).
    expect(runs).toEqual([4, 7, 5, 7]);

    expect(shapeOf(receipt)).toEqual(shapeOf(expected));
    expect(await stateOf(bulk.rows, receipt)).toEqual(await stateOf(reference.rows, expected));
    // The scenario does reach every branch (a test that hit none would pass the comparison too).
    expect(receipt.results.map((r) => r.status)).toEqual([
      'updated',
      'updated',
      'updated',
      'updated',
      'conflict',
      'conflict',
      'conflict',
      'rejected',
      'rejected',
      'rejected',
      'updated',
      'rejected',
      'updated',
      'created',
      'created',
      'created',
      'rejected',
      'created',
      'rejected',
      'rejected',
      'created',
      'created',
      'created',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(receipt.results[7]!.errors).toEqual({
      server_id: 'This row was deleted on the server.',
    });
    expect(receipt.results[8]!.errors).toEqual({ server_id: 'Not found.' });
    expect(receipt.results[15]!.server_id).toBe(bulk.rows.fresh.id);
    expect(receipt.results[16]!.errors).toEqual({ change: 'A row with this id already exists.' });
    expect(receipt.results[18]!.errors).toEqual({ change: expect.stringMatching(/own facility/) });
    expect(receipt.results[23]!.errors).toEqual({ change: 'A row with this id already exists.' });
    expect(receipt.results[24]!.errors).toEqual({ patient_id: 'Unknown patient.' });
    expect(receipt.results[26]!.errors).toEqual({ doctor_id: 'Unknown doctor.' });
    // The wire rows the receipt names are the rows the feed serves.
    const pulled = (await worker.get('/api/appointments/sync/')).json<Appointment[]>();
    const created = pulled.find((a) => a.id === receipt.results[21]!.server_id)!;
    expect(created).toMatchObject({
      status: 'CONFIRMED',
      server_version: 1,
      follow_up_date: '2026-12-17',
    });
    expect(created.updated_at).toBe(receipt.results[21]!.updated_at);
  });

  it('move a patient to another facility the one-by-one way, records and appointments along', async () => {
    const moved = (
      await admin.post('/api/patients/', {
        name: 'Moving Patient',
        facility_id: demoId('facility-a'),
      })
    ).json<Patient>();
    const stays = (
      await admin.post('/api/patients/', {
        name: 'Staying Patient',
        facility_id: demoId('facility-a'),
      })
    ).json<Patient>();
    await upload('admin', {
      device_id: 'admin-setup',
      changes: [appointmentCreate({ id: randomUUID(), patient_id: moved.id })],
    });
    const runs: number[] = [];
    const receipt = await upload(
      'admin',
      {
        device_id: 'admin-tablet',
        changes: [
          patientEdit(stays.id, 1, { address: 'Same Road' }),
          patientEdit(moved.id, 1, { facility_id: demoId('facility-b') }),
        ],
      },
      { onBulkRun: (size) => runs.push(size) },
    );
    expect(runs).toEqual([2]); // the move is declined by the bulk writer and applied alone
    expect(receipt.results.map((r) => r.status)).toEqual(['updated', 'updated']);
    const appointments = await t.database.prisma.appointment.findMany({
      where: { patientId: moved.id },
    });
    expect(appointments.map((a) => a.facilityId)).toEqual([demoId('facility-b')]);
    const seenByWorker2 = (await worker2.get('/api/patients/')).json<Patient[]>();
    expect(seenByWorker2.map((p) => p.id)).toContain(moved.id);
  });

  it('let each change of a run meet a database refusal alone: the others still apply', async () => {
    const target = (
      await worker.post('/api/patients/', { name: 'Refusal Target' })
    ).json<Patient>();
    // A rule of the database that validation does not know: it refuses the middle change.
    await t.database.prisma.$executeRawUnsafe(
      `ALTER TABLE appointment ADD CONSTRAINT appointment_symptoms_check CHECK (symptoms IS DISTINCT FROM 'Refused by the database')`,
    );
    const runs: number[] = [];
    const receipt = await upload(
      'worker',
      {
        device_id: 'refusal-phone',
        changes: [
          appointmentCreate({ id: randomUUID(), patient_id: target.id, symptoms: 'Fine' }),
          appointmentCreate({
            id: randomUUID(),
            patient_id: target.id,
            symptoms: 'Refused by the database',
          }),
          appointmentCreate({ id: randomUUID(), patient_id: target.id, symptoms: 'Also fine' }),
        ],
      },
      { onBulkRun: (size) => runs.push(size) },
    );
    expect(runs).toEqual([3]); // tried in bulk first
    expect(receipt.results.map((r) => r.status)).toEqual(['created', 'rejected', 'created']);
    expect(receipt.results[1]!.errors).toEqual({ 'payload.symptoms': 'Not allowed here.' });
    const stored = await t.database.prisma.appointment.findMany({
      where: { patientId: target.id },
    });
    expect(stored.map((a) => a.symptoms).sort()).toEqual(['Also fine', 'Fine']);
    expect(
      await t.database.prisma.auditLog.count({ where: { clientDeviceId: 'refusal-phone' } }),
    ).toBe(2);
  });
  it('give new health records the receipt, rows and audit of applying them one by one', async () => {
    const reference = await recordBatch('records alone');
    const expected = await upload('worker', reference.request, { oneByOne: true });
    const bulk = await recordBatch('records bulk');
    const runs: number[] = [];
    const receipt = await upload('worker', bulk.request, { onBulkRun: (size) => runs.push(size) });
    // Until the second change naming one id, until the one without a patient, then the one
    // after it (the change without a temp id runs alone).
    expect(runs).toEqual([3, 9, 1]);
    expect(shapeOf(receipt)).toEqual(shapeOf(expected));
    expect(receipt.results.map((r) => r.status)).toEqual([
      'created',
      'created',
      'created',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'created',
      'rejected',
      'rejected',
      'rejected',
      'created',
      'rejected',
      'created',
      'rejected',
    ]);
    expect(receipt.results[3]!.errors).toEqual({ change: 'A row with this id already exists.' });
    expect(Object.keys(receipt.results[5]!.errors ?? {})).toContain('data.code'); // missing
    expect(receipt.results[6]!.errors).toEqual({
      'data.resourceType': "Must equal the record's resource_type (Observation).",
    });
    expect(receipt.results[8]!.errors).toEqual({ patient: 'Unknown patient.' });

    const recordsOf = async (patients: Patient[], r: UploadReceipt) => {
      const rows = await t.database.prisma.healthRecord.findMany({
        where: { patientId: { in: patients.map((p) => p.id) } },
      });
      const audit = await t.database.prisma.auditLog.findMany({
        where: { clientDeviceId: r.device_id },
      });
      const byPatient = new Map(patients.map((p, i) => [p.id, i]));
      return {
        rows: rows
          .map((row) => ({
            patient: byPatient.get(row.patientId),
            type: row.resourceType,
            data: row.data,
            facility: row.facilityId,
            version: row.serverVersion,
            synced: row.lastSyncedAt !== null,
          }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        audit: audit
          .map((entry) => [entry.action, entry.entityType, entry.afterVersion])
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      };
    };
    expect(await recordsOf(bulk.patients, receipt)).toEqual(
      await recordsOf(reference.patients, expected),
    );
  });
  it('give edits and deletes the receipt, rows, audit and conflicts of one by one', async () => {
    const reference = await editBatch('edits alone');
    const expected = await upload('worker', reference.request, { oneByOne: true });
    const bulk = await editBatch('edits bulk');
    const runs: number[] = [];
    const receipt = await upload('worker', bulk.request, { onBulkRun: (size) => runs.push(size) });
    // Visit edits until the second edit of one visit, then until the one naming a patient; record
    // edits until the second change naming one record, then the rest (the move is declined by the
    // writer once it sees the row, and applied alone); then the deletes of visits, records and
    // patients.
    expect(runs).toEqual([7, 1, 5, 3, 4, 3, 2]);
    expect(shapeOf(receipt)).toEqual(shapeOf(expected));
    expect(receipt.results.map((r) => r.status)).toEqual([
      'updated',
      'updated',
      'conflict',
      'rejected',
      'rejected',
      'rejected',
      'updated',
      'conflict',
      'updated',
      'rejected',
      'updated',
      'updated',
      'conflict',
      'rejected',
      'rejected',
      'rejected',
      'updated',
      'updated',
      'deleted',
      'deleted',
      'conflict',
      'rejected',
      'deleted',
      'deleted',
      'rejected',
      'deleted',
      'deleted',
    ]);
    expect(receipt.results[14]!.errors).toEqual({ server_id: 'Not found.' });
    expect(Object.keys(receipt.results[15]!.errors ?? {})[0]).toMatch(/^data\.value/);
    expect(receipt.results[13]!.errors).toEqual({
      server_id: 'This row was deleted on the server.',
    });

    const stateOfEdits = async (patients: Patient[], r: UploadReceipt) => {
      const db = t.database.prisma;
      const ids = patients.map((p) => p.id);
      const byPatient = new Map(patients.map((p, i) => [p.id, i]));
      const sorted = <T>(xs: T[]) =>
        xs.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      const visits = await db.appointment.findMany({ where: { patientId: { in: ids } } });
      const records = await db.healthRecord.findMany({ where: { patientId: { in: ids } } });
      const audit = await db.auditLog.findMany({ where: { clientDeviceId: r.device_id } });
      const conflicts = await db.syncConflict.findMany({ where: { batchId: r.batch_id } });
      const people = await db.patient.findMany({ where: { id: { in: ids } } });
      return {
        patients: people.map((p) => [byPatient.get(p.id), p.deleted, p.serverVersion]).sort(),
        visits: sorted(
          visits.map((v) => ({
            patient: byPatient.get(v.patientId),
            date: v.appointmentDate.toISOString(),
            status: v.status,
            diagnosis: v.diagnosis,
            prescription: v.prescription,
            followUp: v.followUpDate?.toISOString() ?? null,
            version: v.serverVersion,
            deleted: v.deleted,
            synced: v.lastSyncedAt !== null,
          })),
        ),
        records: sorted(
          records.map((x) => ({
            patient: byPatient.get(x.patientId),
            data: x.data,
            version: x.serverVersion,
            deleted: x.deleted,
            synced: x.lastSyncedAt !== null,
          })),
        ),
        audit: sorted(audit.map((e) => [e.action, e.entityType, e.beforeVersion, e.afterVersion])),
        conflicts: sorted(
          conflicts.map((c) => [c.entityType, c.clientChangedFields, c.serverChangedFields]),
        ),
      };
    };
    expect(await stateOfEdits(bulk.patients, receipt)).toEqual(
      await stateOfEdits(reference.patients, expected),
    );
  });

  it('give new, edited and deleted stock the receipt, rows, audit and conflicts of one by one', async () => {
    const reference = await inventoryBatch('stock alone');
    const expected = [];
    for (const { username, request } of reference.batches)
      expected.push(await upload(username, request, { oneByOne: true }));
    const bulk = await inventoryBatch('stock bulk');
    const runs: number[] = [];
    const receipts = [];
    for (const { username, request } of bulk.batches)
      receipts.push(await upload(username, request, { onBulkRun: (size) => runs.push(size) }));
    expect(runs).toEqual([8, 9, 1, 1, 5, 5, 2, 1, 1, 2, 1]);
    expect(receipts.map(shapeOf)).toEqual(expected.map(shapeOf));
    // The scenario does reach every branch (a test that hit none would pass the comparison too).
    const [C, U, D, R, X] = ['created', 'updated', 'deleted', 'rejected', 'conflict'];
    expect(receipts.map((r) => r.results.map((x) => x.status))).toEqual([
      [C, C, C, R, R, R, R, C, R, R, U, U, X, R, R, X, R, R, U, X, R, R, U, D, D, X, R, R],
      [C, R, R, R, R, R, U, U, D],
      [R, R, X, R],
    ]);
    const [byPharmacist, byAdmin, byWorker] = receipts.map((r) => r.results.map((x) => x.errors));
    const exists = { change: expect.stringMatching(/already has a stock row/) };
    const notTheirs = { change: expect.stringMatching(/own pharmacist/) };
    expect(byPharmacist![2]).toBeNull();
    expect([3, 4, 5].map((i) => byPharmacist![i])).toEqual([exists, exists, exists]);
    expect(byPharmacist![6]).toEqual(notTheirs);
    expect(Object.keys(byPharmacist![8]!)).toEqual(['payload.quantity_available']);
    expect(byPharmacist![13]).toEqual({ server_id: 'This row was deleted on the server.' });
    expect(byPharmacist![14]).toEqual(notTheirs);
    expect([16, 17, 27].map((i) => byPharmacist![i])).toEqual(
      Array(3).fill({ server_id: 'Not found.' }),
    );
    expect(byPharmacist![26]).toEqual(notTheirs);
    expect(byAdmin!.slice(1, 5)).toEqual([
      { pharmacy_id: 'Unknown pharmacy.' },
      { pharmacy_id: 'Unknown pharmacy.' },
      { medicine_id: 'Unknown medicine.' },
      { medicine_id: 'Unknown medicine.' },
    ]);
    expect([0, 1, 3].map((i) => byWorker![i])).toEqual([notTheirs, notTheirs, notTheirs]);

    const stateOfStock = async (medicines: Record<string, string>, rs: UploadReceipt[]) => {
      const db = t.database.prisma;
      const pharmacies = {
        [demoId('pharmacy-gram-medical')]: 'own',
        [demoId('pharmacy-village-care')]: 'other',
      };
      const sorted = <T>(xs: T[]) =>
        xs.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      const rows = await db.inventoryItem.findMany({
        where: { medicineId: { in: Object.keys(medicines) } },
      });
      const audit = await db.auditLog.findMany({
        where: { clientDeviceId: { in: rs.map((r) => r.device_id) } },
      });
      const conflicts = await db.syncConflict.findMany({
        where: { batchId: { in: rs.map((r) => r.batch_id) } },
      });
      return {
        rows: sorted(
          rows.map((row) => ({
            pharmacy: pharmacies[row.pharmacyId] ?? 'new',
            medicine: medicines[row.medicineId],
            quantity: row.quantityAvailable,
            reorderLevel: row.reorderLevel,
            version: row.serverVersion,
            deleted: row.deleted,
            synced: row.lastSyncedAt !== null,
          })),
        ),
        audit: sorted(
          audit.map((e) => {
            const after = (e.after ?? {}) as Record<string, unknown>;
            const before = (e.before ?? {}) as Record<string, unknown>;
            return {
              by: e.clientDeviceId!.split('-').at(-1),
              action: e.action,
              entity: e.entityType,
              versions: [e.beforeVersion, e.afterVersion],
              fields: Object.keys(after).sort(),
              changed: Object.keys(after).filter(
                (key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]),
              ),
              quantity: after.quantity_available,
              deleted: after.deleted,
            };
          }),
        ),
        conflicts: sorted(
          conflicts.map((c) => [
            c.entityType,
            c.clientChangedFields,
            c.serverChangedFields,
            c.serverVersion,
          ]),
        ),
      };
    };
    expect(await stateOfStock(bulk.medicines, receipts)).toEqual(
      await stateOfStock(reference.medicines, expected),
    );
  });
});
