import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadReceipt } from '@healthsync/contracts';
import { buildApp } from '../app';
import { demoId, FACILITY_A, FACILITY_B } from '../demo/demo-data';
import { seedDemo } from '../demo/seed-demo';
import { loadEnv } from '../env';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../test/test-app';
import { createTestDatabase } from '../test/test-database';
import { CLINICAL_CACHE_CONTROL } from '../plugins/security';
import { routeTable, urlOf, type RouteInfo } from './route-table';
import { seedScenario, type Scenario } from './scenario';
import {
  BOOKKEEPING_TABLES,
  changedRows,
  changedTables,
  createWriteProbe,
  rowVersions,
} from './write-probe';

/**
 * Issue 6, security (DESIGN §6). Every route the router serves must be classified in the tables
 * below, so a new endpoint fails these tests until someone decides how it is scoped, who may call
 * it and what it writes. (JWT forgery, refresh reuse: auth.test.ts; sign-in limiter:
 * sign-in-throttle.test.ts; revocation: revocation.test.ts; 413 and CORS: app.test.ts; audit
 * read-only: admin.test.ts.)
 */
let t: TestApp;
let routes: RouteInfo[];
let s: Scenario;
let probe: Awaited<ReturnType<typeof createWriteProbe>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  s = await seedScenario(t);
  routes = (await routeTable(t.app)).routes.filter(
    (r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.path.startsWith('/docs'),
  );
  for (const user of ['worker', 'worker2', 'doctor', 'pharmacist', 'admin']) {
    tokens[user] = await t.tokenFor(user);
  }
  probe = await createWriteProbe(t.database);
});
afterAll(() => t?.close());

type Request = { method: string; url: string; payload?: unknown; headers?: Record<string, string> };

const send = (user: string | null, request: Request) =>
  t.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: {
      ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}),
      ...request.headers,
    },
    ...(request.payload === undefined ? {} : { payload: request.payload as object }),
  });

/** Sends and reports the tables it wrote to. */
async function sendWatched(user: string | null, request: Request) {
  // Deferred work (queued batches, device pull records) counts toward the request that caused it.
  await t.app.devicePulls.flush();
  const before = await probe.now();
  const response = await send(user, request);
  await t.app.batchQueue.drain();
  await t.app.devicePulls.flush();
  return { response, wrote: changedTables(before, await probe.now()) };
}

const fill = (route: RouteInfo, id: string) => route.path.replace(/:\w+/g, id) + '/';

// Facility A: what worker2 (facility B) must never see or touch.
const A_PATIENTS = ['patient-1', 'patient-2'].map(demoId);
const A_APPOINTMENTS = ['appointment-101', 'appointment-102', 'appointment-103'].map(demoId);
const A_RECORDS = ['observation-temp-1', 'observation-pulse-2'].map(demoId);
const A_NAMES = ['Ramesh Patil', 'Sunita Jadhav', 'Scenario Patient A'];
const aIds = () => [
  ...A_PATIENTS,
  ...A_APPOINTMENTS,
  ...A_RECORDS,
  s.a.patientId,
  s.a.recordId,
  s.a.batchId,
  s.a.pendingBatchId,
  s.a.conflictId,
];
const clinicalIds = () => [...aIds(), ...['patient-b1', 'patient-b2', 'patient-b3'].map(demoId)];
const CLINICAL_NAMES = [...A_NAMES, 'Meena Shinde', 'Prakash More', 'Lata Gaikwad'];

/** The ids of facility A that each parameterised route takes. */
function facilityAIdsFor(route: RouteInfo): string[] {
  if (route.params.length === 0) return [];
  if (route.path.startsWith('/api/patients/')) return [...A_PATIENTS, s.a.patientId];
  if (route.path.startsWith('/api/records/')) return [...A_RECORDS, s.a.recordId];
  if (route.path.startsWith('/api/appointments/')) return A_APPOINTMENTS;
  if (route.path.startsWith('/api/sync/batches/')) return [s.a.batchId, s.a.pendingBatchId];
  if (route.path.startsWith('/api/sync/trigger/')) return [s.a.batchId, s.a.pendingBatchId];
  if (route.path.startsWith('/api/sync/conflicts/')) return [s.a.conflictId];
  if (route.path === '/fhir/Patient/:id/$everything') return [...A_PATIENTS, s.a.patientId];
  if (route.path === '/fhir/Group/:id/$export') return [FACILITY_A.id];
  return [];
}

const BODIES: Record<string, unknown> = {
  'PUT /api/patients/:id': { name: 'Hijacked' },
  'PATCH /api/patients/:id': { name: 'Hijacked' },
  'PUT /api/records/:id': { patient: demoId('patient-b1'), resource_type: 'Condition', data: {} },
  'PATCH /api/records/:id': { data: { hijacked: true } },
  'PUT /api/appointments/:id/sync_update': { base_version: 1, diagnosis: 'Hijacked' },
  'POST /api/sync/conflicts/:id/resolve': { action: 'reapply' },
};

/** Upload changes of facility B's worker aimed at facility A's rows. */
const crossFacilityChanges = () => [
  {
    operation: 'update',
    resource_type: 'Patient',
    server_id: A_PATIENTS[0],
    base_version: 1,
    payload: { name: 'Hijacked' },
  },
  { operation: 'delete', resource_type: 'Patient', server_id: s.a.patientId, base_version: 1 },
  {
    operation: 'update',
    resource_type: 'Appointment',
    server_id: A_APPOINTMENTS[0],
    base_version: 1,
    payload: { diagnosis: 'Hijacked' },
  },
  { operation: 'delete', resource_type: 'Observation', server_id: A_RECORDS[0], base_version: 1 },
  {
    operation: 'update',
    resource_type: 'Condition',
    server_id: s.a.recordId,
    base_version: 1,
    payload: { data: { hijacked: true } },
  },
  {
    operation: 'create',
    resource_type: 'Observation',
    client_temp_id: 'x1',
    payload: { patient_id: A_PATIENTS[0], value: 1 },
  },
  {
    operation: 'create',
    resource_type: 'Appointment',
    client_temp_id: 'x2',
    payload: { patient_id: A_PATIENTS[0], appointment_date: '2026-12-01T09:00:00Z' },
  },
  {
    operation: 'create',
    resource_type: 'Patient',
    client_temp_id: 'x3',
    payload: { name: 'Planted', facility_id: FACILITY_A.id },
  },
  {
    operation: 'update',
    resource_type: 'Patient',
    server_id: demoId('patient-b1'),
    base_version: 1,
    payload: { facility_id: FACILITY_A.id },
  },
  // Last: a row that does not exist, to compare the rejection with.
  {
    operation: 'update',
    resource_type: 'Patient',
    server_id: '00000000-0000-4000-8000-000000000000',
    base_version: 1,
    payload: { name: 'Hijacked' },
  },
];

/**
 * Routes without facility A ids in their path, and what worker2 sends there instead. Every
 * route must appear here or take ids (facilityAIdsFor); `null` = nothing to aim at A, checked
 * only for not showing A's data.
 */
const UNPARAMETERISED: Record<string, (() => Request[]) | null> = {
  'GET /api/patients': () => [
    { method: 'GET', url: '/api/patients/' },
    { method: 'GET', url: '/api/patients/?search=Ramesh' },
  ],
  'POST /api/patients': () => [
    {
      method: 'POST',
      url: '/api/patients/',
      payload: { name: 'Planted', facility_id: FACILITY_A.id },
    },
  ],
  'GET /api/records': () =>
    A_PATIENTS.map((p) => ({ method: 'GET', url: `/api/records/?patient=${p}` })),
  'POST /api/records': () =>
    A_PATIENTS.map((p) => ({
      method: 'POST',
      url: '/api/records/',
      payload: { patient: p, resource_type: 'Condition', data: {} },
    })),
  'POST /api/sync/upload': () => [
    {
      method: 'POST',
      url: '/api/sync/upload/',
      payload: { device_id: 'b', changes: crossFacilityChanges() },
    },
    {
      method: 'POST',
      url: '/api/sync/upload/?async=true',
      payload: { device_id: 'b', changes: crossFacilityChanges() },
    },
    // Facility A's batch id: its receipt must not come back.
    {
      method: 'POST',
      url: '/api/sync/upload/',
      payload: { device_id: 'b', batch_id: s.a.batchId, changes: [] },
    },
  ],
  'GET /api/sync/download': () => [
    { method: 'GET', url: '/api/sync/download/?since=1970-01-01T00:00:00Z' },
  ],
  'GET /api/sync/conflicts': () => [{ method: 'GET', url: '/api/sync/conflicts/' }],
  'GET /api/patients/sync': () => [{ method: 'GET', url: '/api/patients/sync/' }],
  'GET /api/records/sync': () => [{ method: 'GET', url: '/api/records/sync/' }],
  'GET /api/appointments/sync': () => [{ method: 'GET', url: '/api/appointments/sync/' }],
  'GET /api/doctors/sync': () => [{ method: 'GET', url: '/api/doctors/sync/' }],
  'GET /api/pharmacy-inventory/sync': () => [
    { method: 'GET', url: '/api/pharmacy-inventory/sync/' },
  ],
  'GET /api/sync/status': null,
  'GET /api/sync/events': null, // a nudge without data; scoping: events.test.ts
  'GET /api/auth/me': null,
  'POST /api/auth/token': null,
  'POST /api/auth/token/refresh': null,
  'POST /api/auth/logout': null,
  'GET /healthz': null,
  'GET /readyz': null,
  'GET /metrics': null,
  'GET /api/openapi.json': null,
  'GET /fhir/metadata': null,
  'GET /fhir/:type/:id': () => [
    ...A_PATIENTS.map((id) => ({ method: 'GET', url: `/fhir/Patient/${id}` })),
    ...A_APPOINTMENTS.flatMap((id) =>
      ['Appointment', 'Condition', 'MedicationRequest'].map((type) => ({
        method: 'GET',
        url: `/fhir/${type}/${id}`,
      })),
    ),
    ...A_RECORDS.map((id) => ({ method: 'GET', url: `/fhir/Observation/${id}` })),
  ],
  'GET /fhir/Patient': () => [
    { method: 'GET', url: '/fhir/Patient' },
    { method: 'GET', url: '/fhir/Patient?name=Ramesh' },
    { method: 'GET', url: `/fhir/Patient?_id=${A_PATIENTS.join(',')}` },
  ],
  'GET /fhir/Observation': () =>
    A_PATIENTS.map((p) => ({ method: 'GET', url: `/fhir/Observation?patient=${p}` })),
  'GET /fhir/Appointment': () =>
    A_PATIENTS.map((p) => ({ method: 'GET', url: `/fhir/Appointment?patient=${p}` })),
  'GET /fhir/Practitioner': () => [{ method: 'GET', url: '/fhir/Practitioner' }],
  'GET /fhir/Organization': () => [{ method: 'GET', url: '/fhir/Organization' }],
  'GET /fhir/Location': () => [{ method: 'GET', url: '/fhir/Location' }],
  'GET /fhir/$export': () => [
    { method: 'GET', url: '/fhir/$export', headers: { prefer: 'respond-async' } },
  ],
  // Exports are their requester's alone: another user's ids answer 404 (fhir-export.test.ts).
  'GET /fhir/$export-status/:job': () => [
    { method: 'GET', url: `/fhir/$export-status/${s.a.batchId}` },
  ],
  'DELETE /fhir/$export-status/:job': () => [
    { method: 'DELETE', url: `/fhir/$export-status/${s.a.batchId}` },
  ],
  'GET /fhir/$export-file/:job/:file': () => [
    { method: 'GET', url: `/fhir/$export-file/${s.a.batchId}/0` },
  ],
};

const isAdminRoute = (route: RouteInfo) => route.path.startsWith('/api/admin/');
const isClinicalRoute = (route: RouteInfo) =>
  /^\/api\/(patients|records|appointments)\//.test(route.path) ||
  (route.path.startsWith('/fhir/') && route.path !== '/fhir/metadata');

function expectNoneOf(response: LightMyRequestResponse, needles: string[], what: string) {
  const leaked = needles.filter((needle) => response.body.includes(needle));
  expect(leaked, `${what} → ${response.statusCode} shows ${leaked.join(', ')}`).toEqual([]);
}

describe('cross-facility access: worker2 (facility B) against facility A', () => {
  it('every route is classified', () => {
    const unclassified = routes.filter(
      (r) => !isAdminRoute(r) && facilityAIdsFor(r).length === 0 && !(r.key in UNPARAMETERISED),
    );
    expect(unclassified.map((r) => r.key)).toEqual([]);
  });

  it('ids of facility A in the path: 404, nothing shown, nothing written', async () => {
    let probes = 0;
    for (const route of routes.filter((r) => !isAdminRoute(r))) {
      for (const id of facilityAIdsFor(route)) {
        const request = { method: route.method, url: fill(route, id), payload: BODIES[route.key] };
        const { response, wrote } = await sendWatched('worker2', request);
        const what = `${route.method} ${request.url}`;
        expect(response.statusCode, `${what}: ${response.body}`).toBe(404);
        expect(wrote, what).toEqual([]);
        expectNoneOf(response, A_NAMES, what);
        probes += 1;
      }
    }
    expect(probes).toBeGreaterThan(20);
  });

  it('ids of facility A in bodies and queries: refused or rejected, nothing of A shown or written', async () => {
    for (const route of routes.filter((r) => !isAdminRoute(r) && facilityAIdsFor(r).length === 0)) {
      const requests = UNPARAMETERISED[route.key]?.() ?? [
        { method: route.method, url: fill(route, '') },
      ];
      if (route.key === 'GET /api/sync/events') continue; // a stream; no data in it
      for (const request of requests) {
        const { response, wrote } = await sendWatched('worker2', request);
        const what = `${request.method} ${request.url}`;
        expect(response.statusCode, `${what}: ${response.body}`).toBeLessThan(500);
        // A receipt echoes the ids the caller sent; it must add nothing of A's.
        // (a FHIR Bundle's self link echoes the query it was asked)
        const sent = JSON.stringify(request.payload ?? '') + request.url;
        expectNoneOf(
          response,
          [...aIds(), ...A_NAMES].filter((x) => !sent.includes(x)),
          what,
        );
        if (route.key === 'POST /api/sync/upload') {
          if (response.statusCode === 409) {
            expect(wrote, what).toEqual([]);
            continue;
          }
          const receipt = response.json<UploadReceipt>();
          const stored =
            response.statusCode === 202
              ? ((await t.database.prisma.syncBatch.findUnique({ where: { id: receipt.batch_id } }))
                  ?.receipt as UploadReceipt)
              : receipt;
          expect(
            stored.results.map((r) => r.status),
            what,
          ).toEqual(stored.results.map(() => 'rejected'));
          // Rejected exactly as a row that does not exist: no oracle for A's ids.
          const [hijack, unknown] = [stored.results[0], stored.results.at(-1)];
          if (stored.results.length === crossFacilityChanges().length)
            expect(hijack?.errors, what).toEqual(unknown?.errors);
          // DESIGN §5.4: a rejected change leaves no trace; the batch's receipt is kept.
          expect(
            wrote.filter((n) => !['sync_batch', 'sync_device'].includes(n)),
            what,
          ).toEqual([]);
        } else if (request.method !== 'GET') {
          expect(response.statusCode, `${what}: ${response.body}`).toBeGreaterThanOrEqual(400);
          expect(wrote, what).toEqual([]);
        }
      }
    }
    // Facility A's rows are as the demo seeded them.
    const ramesh = await t.database.prisma.patient.findUniqueOrThrow({
      where: { id: A_PATIENTS[0]! },
    });
    expect(ramesh).toMatchObject({
      name: 'Ramesh Patil',
      facilityId: FACILITY_A.id,
      deleted: false,
    });
    const b1 = await t.database.prisma.patient.findUniqueOrThrow({
      where: { id: demoId('patient-b1') },
    });
    expect(b1.facilityId).toBe(FACILITY_B.id);
  });
});

describe('roles', () => {
  it('non-admins cannot reach any /api/admin/ route, whatever they send', async () => {
    const adminRoutes = routes.filter(isAdminRoute);
    expect(adminRoutes.length).toBeGreaterThanOrEqual(10);
    for (const route of adminRoutes) {
      for (const user of ['worker', 'worker2', 'doctor', 'pharmacist']) {
        for (const payload of route.method === 'GET'
          ? [undefined]
          : [{}, { name: 'x', username: 'x' }]) {
          const request = { method: route.method, url: fill(route, FACILITY_A.id), payload };
          const { response, wrote } = await sendWatched(user, request);
          expect(response.statusCode, `${user} ${route.key}`).toBe(403);
          expect(wrote).toEqual([]);
        }
      }
      expect(
        (await send(null, { method: route.method, url: fill(route, FACILITY_A.id) })).statusCode,
      ).toBe(401);
    }
  });

  it('pharmacists read no clinical data anywhere and change none', async () => {
    for (const route of routes) {
      if (route.key === 'GET /api/sync/events') continue;
      const ids = facilityAIdsFor(route);
      const requests: Request[] = ids.length
        ? ids.map((id) => ({
            method: route.method,
            url: fill(route, id),
            payload: BODIES[route.key],
          }))
        : (UNPARAMETERISED[route.key]?.() ?? [{ method: route.method, url: fill(route, '') }]);
      for (const request of requests) {
        const { response, wrote } = await sendWatched('pharmacist', request);
        const what = `pharmacist ${request.method} ${request.url}`;
        if (isClinicalRoute(route) || isAdminRoute(route)) {
          expect(response.statusCode, what).toBe(403);
        }
        const sent = JSON.stringify(request.payload ?? '');
        expectNoneOf(
          response,
          [...clinicalIds(), ...CLINICAL_NAMES].filter((x) => !sent.includes(x)),
          what,
        );
        const allowed = route.key === 'POST /api/sync/upload' ? ['sync_batch', 'sync_device'] : [];
        if (request.method === 'GET') allowed.push('sync_device');
        expect(
          wrote.filter((n) => !allowed.includes(n)),
          what,
        ).toEqual([]);
      }
    }
  });
});

/** Every write route: a valid write, and which user sends it. */
type Write = { user: string; request: () => Promise<Request> };
const device = { 'x-device-id': 'audit-device' };

const WRITES: Record<string, Write[]> = {
  'POST /api/patients': [
    {
      user: 'worker',
      request: async () => ({
        method: 'POST',
        url: '/api/patients/',
        payload: { name: 'Audited' },
      }),
    },
  ],
  'PUT /api/patients/:id': [
    {
      user: 'worker',
      request: async () => ({
        method: 'PUT',
        url: `/api/patients/${s.a.patientId}/`,
        payload: { name: 'Put' },
      }),
    },
  ],
  'PATCH /api/patients/:id': [
    {
      user: 'doctor',
      request: async () => ({
        method: 'PATCH',
        url: `/api/patients/${s.a.patientId}/`,
        payload: { name: 'Patched' },
      }),
    },
    {
      // A move to another facility: the patient's record and appointment follow it, each audited.
      user: 'admin',
      request: async () => {
        const id = await patientWithRecordAndAppointment('Moving');
        return {
          method: 'PATCH',
          url: `/api/patients/${id}/`,
          payload: { facility_id: FACILITY_B.id },
        };
      },
    },
  ],
  'DELETE /api/patients/:id': [
    {
      // A patient with a record and an appointment: every row the delete touches is audited.
      user: 'worker',
      request: async () => ({
        method: 'DELETE',
        url: `/api/patients/${await patientWithRecordAndAppointment('Doomed')}/`,
      }),
    },
  ],
  'POST /api/records': [
    {
      user: 'worker',
      request: async () => ({
        method: 'POST',
        url: '/api/records/',
        payload: { patient: s.a.patientId, resource_type: 'Observation', data: { value: 1 } },
      }),
    },
  ],
  'PUT /api/records/:id': [
    {
      user: 'worker',
      request: async () => ({
        method: 'PUT',
        url: `/api/records/${s.a.recordId}/`,
        payload: { patient: s.a.patientId, resource_type: 'Condition', data: { code: 'put' } },
      }),
    },
  ],
  'PATCH /api/records/:id': [
    {
      user: 'worker',
      request: async () => ({
        method: 'PATCH',
        url: `/api/records/${s.a.recordId}/`,
        payload: { data: { code: 'p' } },
      }),
    },
  ],
  'DELETE /api/records/:id': [
    {
      user: 'worker',
      request: async () => ({ method: 'DELETE', url: `/api/records/${A_RECORDS[1]}/` }),
    },
  ],
  'PUT /api/appointments/:id/sync_update': [
    {
      user: 'doctor',
      request: async () => {
        const current = await t.database.prisma.appointment.findUniqueOrThrow({
          where: { id: A_APPOINTMENTS[2]! },
        });
        return {
          method: 'PUT',
          url: `/api/appointments/${A_APPOINTMENTS[2]}/sync_update/`,
          payload: { base_version: current.serverVersion, diagnosis: 'Audited diagnosis' },
        };
      },
    },
  ],
  'POST /api/sync/upload': [
    {
      user: 'worker',
      request: async () => ({
        method: 'POST',
        url: '/api/sync/upload/',
        payload: {
          device_id: 'audit-device',
          changes: [
            {
              operation: 'create',
              resource_type: 'Patient',
              client_temp_id: 'audit-p',
              payload: { name: 'Up' },
            },
            {
              operation: 'create',
              resource_type: 'Observation',
              client_temp_id: 'audit-o',
              payload: { patient_id: s.a.patientId, value: 2 },
            },
            {
              operation: 'update',
              resource_type: 'Patient',
              server_id: A_PATIENTS[1],
              base_version: 1,
              payload: { address: 'Uploaded' },
            },
            // Rejected and stale changes write no audited row.
            {
              operation: 'update',
              resource_type: 'Patient',
              server_id: A_PATIENTS[1],
              base_version: 1,
              payload: {},
            },
            { operation: 'create', resource_type: 'Doctor', client_temp_id: 'nope', payload: {} },
          ],
        },
      }),
    },
    {
      // Applied by the background worker, with the batch's device.
      user: 'pharmacist',
      request: async () => ({
        method: 'POST',
        url: '/api/sync/upload/?async=true',
        payload: {
          device_id: 'audit-device',
          changes: [
            {
              operation: 'update',
              resource_type: 'InventoryItem',
              server_id: demoId('inventory-pharmacy-gram-medical-medicine-amoxicillin'),
              base_version: 1,
              payload: { quantity_available: 99 },
            },
          ],
        },
      }),
    },
  ],
  'POST /api/sync/trigger/:batch_id': [
    // Triggering an applied batch changes nothing (DESIGN §5.4): no row, no audit entry.
    {
      user: 'worker',
      request: async () => ({ method: 'POST', url: `/api/sync/trigger/${s.a.batchId}/` }),
    },
  ],
  'POST /api/sync/conflicts/:id/resolve': [
    {
      user: 'worker',
      request: async () => ({
        method: 'POST',
        url: `/api/sync/conflicts/${s.a.conflictId}/resolve/`,
        payload: { action: 'reapply' },
      }),
    },
  ],
  'POST /api/admin/users': [
    {
      user: 'admin',
      request: async () => ({
        method: 'POST',
        url: '/api/admin/users/',
        payload: {
          username: 'audited.doctor',
          password: 'a-long-password',
          role: 'doctor',
          facility_id: FACILITY_A.id,
          doctor_id: demoId('doctor-kulkarni'),
        },
      }),
    },
  ],
  'PATCH /api/admin/users/:id': [
    {
      user: 'admin',
      request: async () => ({
        method: 'PATCH',
        url: `/api/admin/users/${demoId('user-worker2')}/`,
        payload: { display_name: 'Renamed', password: 'another-long-password' },
      }),
    },
  ],
  'POST /api/admin/facilities': [
    {
      user: 'admin',
      request: async () => ({
        method: 'POST',
        url: '/api/admin/facilities/',
        payload: { name: 'New PHC' },
      }),
    },
  ],
  'POST /api/admin/pharmacies': [
    {
      user: 'admin',
      request: async () => ({
        method: 'POST',
        url: '/api/admin/pharmacies/',
        payload: { name: 'New Pharmacy' },
      }),
    },
  ],
  'PATCH /api/admin/pharmacies/:id': [
    {
      user: 'admin',
      request: async () => ({
        method: 'PATCH',
        url: `/api/admin/pharmacies/${demoId('pharmacy-village-care')}/`,
        payload: { address: 'Moved' },
      }),
    },
  ],
  'POST /api/admin/medicines': [
    {
      user: 'admin',
      request: async () => ({
        method: 'POST',
        url: '/api/admin/medicines/',
        payload: { name: 'Zinc 20mg' },
      }),
    },
  ],
  'PATCH /api/admin/medicines/:id': [
    {
      user: 'admin',
      request: async () => ({
        method: 'PATCH',
        url: `/api/admin/medicines/${demoId('medicine-amlodipine')}/`,
        payload: { strength: '10mg' },
      }),
    },
  ],
  // Sessions: refresh tokens are bookkeeping, not data; these write no audited row.
  'POST /api/auth/token': [
    {
      user: 'none',
      request: async () => ({
        method: 'POST',
        url: '/api/auth/token/',
        payload: { username: 'doctor', password: 'doctor-demo' },
      }),
    },
  ],
  'POST /api/auth/token/refresh': [
    {
      user: 'none',
      request: async () => ({
        method: 'POST',
        url: '/api/auth/token/refresh/',
        payload: { refresh: await refreshToken() },
      }),
    },
  ],
  'DELETE /fhir/$export-status/:job': [
    {
      user: 'worker',
      request: async () => {
        const started = await send('worker', {
          method: 'GET',
          url: `/fhir/Group/${FACILITY_A.id}/$export?_type=Organization`,
          headers: { prefer: 'respond-async' },
        });
        await t.app.fhirExportQueue.drain();
        const status = new URL(String(started.headers['content-location'])).pathname;
        return { method: 'DELETE', url: status };
      },
    },
  ],
  'POST /api/auth/logout': [
    {
      user: 'none',
      request: async () => ({
        method: 'POST',
        url: '/api/auth/logout/',
        payload: { refresh: await refreshToken() },
      }),
    },
  ],
};

/** A new patient of facility A with a record and an appointment; its id. */
async function patientWithRecordAndAppointment(name: string): Promise<string> {
  const id = (
    await send('worker', { method: 'POST', url: '/api/patients/', payload: { name } })
  ).json<{ id: string }>().id;
  await send('worker', {
    method: 'POST',
    url: '/api/records/',
    payload: { patient: id, resource_type: 'Condition', data: {} },
  });
  await send('worker', {
    method: 'POST',
    url: '/api/sync/upload/',
    payload: {
      device_id: 'setup',
      changes: [
        {
          operation: 'create',
          resource_type: 'Appointment',
          client_temp_id: `${name}-${id}`,
          payload: { patient_id: id, appointment_date: '2026-12-02T10:00:00Z' },
        },
      ],
    },
  });
  return id;
}

async function refreshToken(): Promise<string> {
  const pair = await send(null, {
    method: 'POST',
    url: '/api/auth/token/',
    payload: { username: 'doctor', password: 'doctor-demo' },
  });
  return pair.json<{ refresh: string }>().refresh;
}

/** Audit entity types by table; any other table outside the bookkeeping ones must be audited too. */
const ENTITY_OF_TABLE: Record<string, string> = {
  patient: 'Patient',
  health_record: 'HealthRecord',
  appointment: 'Appointment',
  inventory_item: 'InventoryItem',
  pharmacy: 'Pharmacy',
  medicine: 'Medicine',
  facility: 'Facility',
  app_user: 'User',
  doctor: 'Doctor',
};

describe('audit', () => {
  it('every write route leaves exactly one audit entry per changed row, with user and device', async () => {
    const writeRoutes = routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    expect(writeRoutes.filter((r) => !(r.key in WRITES)).map((r) => r.key)).toEqual([]);
    const audited = probe.tables.filter((name) => !BOOKKEEPING_TABLES.has(name));
    expect(audited.filter((name) => !(name in ENTITY_OF_TABLE))).toEqual([]);
    const userIds = Object.fromEntries(
      ['worker', 'doctor', 'pharmacist', 'admin'].map((u) => [u, demoId(`user-${u}`)]),
    );

    let changedInTotal = 0;
    for (const route of writeRoutes) {
      for (const write of WRITES[route.key]!) {
        const request = await write.request();
        await t.app.batchQueue.drain();
        const lastAudit =
          (await t.database.prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
        const before = await rowVersions(t.database, audited);
        const response = await send(write.user === 'none' ? null : write.user, {
          ...request,
          headers: device,
        });
        await t.app.batchQueue.drain();
        const what = `${route.key} as ${write.user}`;
        expect(response.statusCode, `${what}: ${response.body}`).toBeLessThan(300);
        const changed = changedRows(before, await rowVersions(t.database, audited));
        const entries = await t.database.prisma.auditLog.findMany({
          where: { id: { gt: lastAudit } },
          orderBy: { id: 'asc' },
        });
        const entityOf = (ref: string) => {
          const [table, id] = ref.split(':');
          return `${ENTITY_OF_TABLE[table!]}:${id}`;
        };
        expect(entries.map((e) => `${e.entityType}:${e.entityId}`).sort(), what).toEqual(
          changed.map(entityOf).sort(),
        );
        for (const entry of entries) {
          expect(entry, what).toMatchObject({
            userId: userIds[write.user],
            clientDeviceId: 'audit-device',
          });
        }
        changedInTotal += changed.length;
      }
    }
    expect(changedInTotal).toBeGreaterThan(20);
    // The new password above ended worker2's sessions (revocation.test.ts): sign in again.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/',
      payload: { username: 'worker2', password: 'another-long-password' },
    });
    tokens.worker2 = again.json<{ access: string }>().access;
  });
});

describe('caching', () => {
  it('no answer of any route the router serves may be stored by a browser, proxy or CDN', async () => {
    const all = (await routeTable(t.app)).routes.filter((r) => r.method !== 'OPTIONS');
    expect(all.length).toBeGreaterThan(40);
    const nowhere = '00000000-0000-4000-8000-000000000000';
    for (const route of all) {
      if (route.path === '/api/sync/events') continue; // a stream: below
      const reads = route.method === 'GET' || route.method === 'HEAD';
      // Reads of real rows (clinical data in the answer); writes aimed at nothing (no change).
      const id = reads ? (facilityAIdsFor(route)[0] ?? FACILITY_A.id) : nowhere;
      const response = await send(isAdminRoute(route) ? 'admin' : 'worker', {
        method: route.method,
        url: urlOf(route, { id, batch_id: id, '*': 'index.html' }),
        ...(reads ? {} : { payload: {} }),
      });
      expect(response.headers['cache-control'], `${route.key} → ${response.statusCode}`).toBe(
        CLINICAL_CACHE_CONTROL,
      );
    }
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/sync/events`, {
      headers: { authorization: `Bearer ${tokens.worker}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('cache-control')).toMatch(/^no-store\b/);
    controller.abort();
  });
});

describe('security headers', () => {
  const HEADERS = [
    'x-content-type-options',
    'x-frame-options',
    'strict-transport-security',
    'referrer-policy',
    'cross-origin-resource-policy',
    'x-request-id',
  ];

  it('are on every kind of response (the event stream aside)', async () => {
    const etag = (await send('worker', { method: 'GET', url: '/api/patients/sync/' })).headers.etag;
    const kinds: [string, string | null, Request][] = [
      [
        '304',
        'worker',
        { method: 'GET', url: '/api/patients/sync/', headers: { 'if-none-match': String(etag) } },
      ],
      ['200', 'worker', { method: 'GET', url: '/api/patients/' }],
      ['201', 'worker', { method: 'POST', url: '/api/patients/', payload: { name: 'Headers' } }],
      ['204', 'worker', { method: 'DELETE', url: `/api/records/${s.a.recordId}/` }],
      ['400', 'worker', { method: 'POST', url: '/api/patients/', payload: { name: 5 } }],
      ['400', 'worker', { method: 'GET', url: '/api/patients/%zz/' }],
      ['401', null, { method: 'GET', url: '/api/patients/' }],
      ['403', 'pharmacist', { method: 'GET', url: '/api/patients/' }],
      ['404', 'worker', { method: 'GET', url: '/api/nothing/' }],
      ['404', 'worker2', { method: 'GET', url: `/api/patients/${A_PATIENTS[0]}/` }],
      [
        '409',
        'worker',
        {
          method: 'POST',
          url: `/api/sync/conflicts/${s.a.conflictId}/resolve/`,
          payload: { action: 'discard' },
        },
      ],
      [
        '412',
        'worker',
        {
          method: 'PATCH',
          url: `/api/patients/${s.a.patientId}/`,
          payload: { name: 'x' },
          headers: { 'if-match': '"999"' },
        },
      ],
      [
        '415',
        'worker',
        {
          method: 'POST',
          url: '/api/patients/',
          payload: '<name/>',
          headers: { 'content-type': 'application/xml' },
        },
      ],
      [
        '204',
        null,
        {
          method: 'OPTIONS',
          url: '/api/patients/',
          headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
        },
      ],
    ];
    for (const [status, user, request] of kinds) {
      const response = await send(user, request);
      const what = `${request.method} ${request.url} → ${response.statusCode}`;
      expect(String(response.statusCode), what).toBe(status);
      for (const header of HEADERS)
        expect(response.headers[header], `${what}: ${header}`).toBeTruthy();
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

/** A real app on its own database, logging at trace level into `lines`. */
async function loggedApp() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const database = await createTestDatabase();
  await seedDemo(database.prisma);
  const config = loadEnv({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    TOMBSTONE_RETENTION_DAYS: '0',
  });
  const app = await buildApp({ config, database, logger: { level: 'trace', stream } });
  await app.ready();
  return { app, database, lines };
}

describe('logs', () => {
  it('never carry a password, a token, the signing secret or an Authorization header', async () => {
    const { app, database, lines } = await loggedApp();
    const secrets = [
      TEST_JWT_SECRET,
      'worker-demo',
      'admin-demo',
      'a-secret-new-password',
      'another-secret-password',
    ];
    try {
      const inject = (method: string, url: string, payload?: unknown, token?: string) =>
        app.inject({
          method: method as 'GET',
          url,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            'x-device-id': 'log-phone',
          },
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
      const worker = (
        await inject('POST', '/api/auth/token/', { username: 'worker', password: 'worker-demo' })
      ).json<{ access: string; refresh: string }>();
      const admin = (
        await inject('POST', '/api/auth/token/', { username: 'admin', password: 'admin-demo' })
      ).json<{ access: string; refresh: string }>();
      secrets.push(worker.access, worker.refresh, admin.access, admin.refresh);
      const rotated = (
        await inject('POST', '/api/auth/token/refresh/', { refresh: worker.refresh })
      ).json<{ access: string; refresh: string }>();
      secrets.push(rotated.access, rotated.refresh);
      // Refresh-token reuse (revokes the family), a wrong password, malformed sign-in JSON.
      expect(
        (await inject('POST', '/api/auth/token/refresh/', { refresh: worker.refresh })).statusCode,
      ).toBe(401);
      expect(
        (await inject('POST', '/api/auth/token/', { username: 'worker', password: 'admin-demo' }))
          .statusCode,
      ).toBe(401);
      const malformed = await app.inject({
        method: 'POST',
        url: '/api/auth/token/',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": "worker", "password": "worker-demo"',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.body).not.toContain('worker-demo');
      await inject('GET', '/api/patients/', undefined, rotated.access);
      await inject('GET', '/api/patients/', undefined, `${rotated.access}tampered`);
      await inject(
        'POST',
        '/api/sync/upload/',
        { device_id: 'log-phone', changes: [] },
        rotated.access,
      );
      const created = await inject(
        'POST',
        '/api/admin/users/',
        {
          username: 'logged.user',
          password: 'a-secret-new-password',
          role: 'health_worker',
          facility_id: FACILITY_A.id,
        },
        admin.access,
      );
      expect(created.statusCode).toBe(201);
      expect(
        (
          await inject(
            'PATCH',
            `/api/admin/users/${created.json<{ id: string }>().id}/`,
            { password: 'another-secret-password' },
            admin.access,
          )
        ).statusCode,
      ).toBe(200);
      await inject('POST', '/api/auth/logout/', { refresh: rotated.refresh });
    } finally {
      await app.close();
      await database.close();
    }
    const text = lines.join('');
    // The logger was on: every request left lines.
    expect(text).toContain('incoming request');
    expect(text).toContain('/api/admin/users/');
    const leaked = secrets.filter((secret) => text.includes(secret));
    expect(leaked.map((secret) => `${secret.slice(0, 12)}…`)).toEqual([]);
    expect(text).not.toMatch(/bearer /i);
    expect(text).not.toMatch(/"password"/);
  });

  it('show the route and a redacted query, never a searched name or phone', async () => {
    const { app, database, lines } = await loggedApp();
    const searched = ['Ramesh', '+91-9876543210', 'Sunita Jadhav'];
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const signIn = await fetch(`${base}/api/auth/token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'worker', password: 'worker-demo' }),
      });
      const { access } = (await signIn.json()) as { access: string };
      const get = (path: string) =>
        fetch(`${base}${path}`, { headers: { authorization: `Bearer ${access}` } });
      const found = await get(`/api/patients/?search=${encodeURIComponent(searched[0]!)}&limit=5`);
      expect(found.status).toBe(200);
      expect(await found.text()).toContain('Ramesh Patil');
      for (const term of searched.slice(1))
        expect((await get(`/api/patients/?search=${encodeURIComponent(term)}`)).status).toBe(200);
      // Not even a route: the query is still redacted.
      expect((await get(`/api/nowhere/?q=${encodeURIComponent(searched[0]!)}`)).status).toBe(404);
    } finally {
      await app.close();
      await database.close();
    }
    const entries = lines.map((line) => JSON.parse(line) as { msg?: string; req?: unknown });
    const requests = entries.filter((e) => e.msg === 'incoming request').map((e) => e.req);
    expect(requests).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        route: '/api/patients/',
        url: '/api/patients/?search=[Redacted]&limit=5',
      }),
    );
    expect(requests).toContainEqual(expect.objectContaining({ url: '/api/nowhere/?q=[Redacted]' }));
    const text = lines.join('');
    const variants = [
      ...searched.flatMap((term) => [term, encodeURIComponent(term)]),
      '9876543210',
      'Jadhav',
    ];
    expect(variants.filter((v) => text.includes(v))).toEqual([]);
  });
});
