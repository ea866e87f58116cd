import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatDate,
  MAX_JSON_DEPTH,
  MAX_JSON_FIELD_LENGTH,
  timestampToDate,
  type UploadReceipt,
} from '@healthsync/contracts';
import { demoId, PATIENTS_A } from '../demo/demo-data';
import { createTestApp, type Caller, type TestApp } from '../test/test-app';

/**
 * Issue 13, item 4: bad input is a 4xx naming the field, never a 500 — dates the contracts
 * accepted but Date or the database could not hold, bodies nested too deep to walk, JSON fields
 * too large to be one clinical resource.
 */
let t: TestApp;
let worker: Caller;
const patientId = demoId(PATIENTS_A[0].key);

beforeAll(async () => {
  t = await createTestApp();
  worker = await t.as('worker');
});
afterAll(() => t?.close());

const newAppointment = (appointment_date: string) => ({
  operation: 'create',
  resource_type: 'Appointment',
  client_temp_id: randomUUID(),
  payload: { patient_id: patientId, appointment_date, symptoms: 'fever' },
});

async function upload(changes: unknown[]) {
  const response = await worker.post('/api/sync/upload/', { device_id: 'bad-input', changes });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<UploadReceipt>();
}

const rawJson = (caller: Caller, url: string, text: string) =>
  caller.post(url, text, { 'content-type': 'application/json' });

describe('dates and timestamps', () => {
  it('stores every offset form and comma fraction at the instant it names, on every write path', async () => {
    const sent = [
      '2026-01-01T10:00:00+05',
      '2026-01-01T10:00:00,5Z',
      '2026-01-01T10:00:00+0530',
      '2026-01-01t10:00:00z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
    ];
    const expected = new Map<string, string>();
    // New appointments: a run for the bulk writer.
    const created = await upload(sent.map(newAppointment));
    expect(created.results.map((r) => r.status)).toEqual(sent.map(() => 'created'));
    const ids = created.results.map((r) => r.server_id!);
    // Edits: each change alone, under its savepoint (the date moves one day on).
    const later = sent.map((text) =>
      text.replace(/^(\d{4}-\d{2}-)01/, '$102').replace('12-31', '12-30'),
    );
    const updated = await upload(
      ids.map((id, index) => ({
        operation: 'update',
        resource_type: 'Appointment',
        server_id: id,
        base_version: 1,
        payload: { appointment_date: later[index] },
      })),
    );
    expect(updated.results.map((r) => r.status)).toEqual(sent.map(() => 'updated'));
    ids.forEach((id, index) => expected.set(id, later[index]!));
    // PUT …/sync_update/ (docs/api.md#appointment-sync-update).
    const put = await worker.put(`/api/appointments/${ids[0]}/sync_update/`, {
      base_version: 2,
      appointment_date: '2026-05-05T08:30:00,25-0330',
    });
    expect(put.statusCode, put.body).toBe(200);
    expected.set(ids[0]!, '2026-05-05T08:30:00,25-0330');

    const rows = (
      await worker.get('/api/appointments/sync/?last_sync_timestamp=1970-01-01T00:00:00Z')
    ).json<{ id: string; appointment_date: string }[]>();
    for (const [id, text] of expected) {
      const row = rows.find((r) => r.id === id);
      expect(row?.appointment_date, text).toBe(formatDate(timestampToDate(text)));
    }
  });

  it('rejects, per change, a date no database can hold and applies the rest of the batch', async () => {
    const refused = {
      '0000-01-01T00:00:00Z': /0001 and 9999/,
      '10000-01-01T00:00:00Z': /format/,
      '2026-02-30T10:00:00Z': /No such date/,
      '2016-12-31T23:59:60Z': /No such date/,
      '2026-01-01T24:00:00Z': /No such date/,
      '2026-01-01T10:00:00': /time zone/,
    };
    const changes = [
      ...Object.keys(refused).map(newAppointment),
      newAppointment('2026-01-01T10:00:00Z'),
    ];
    const receipt = await upload(changes);
    for (const [index, pattern] of Object.values(refused).entries()) {
      expect(receipt.results[index]?.status).toBe('rejected');
      expect(receipt.results[index]?.errors?.['payload.appointment_date']).toMatch(pattern);
    }
    expect(receipt.results.at(-1)?.status).toBe('created');
  });

  it('refuses a date of birth in year 0000 or on a day that does not exist, naming dob', async () => {
    for (const dob of ['0000-01-01', '2026-02-29', '10000-01-01']) {
      const response = await worker.post('/api/patients/', { name: 'Dob Test', dob });
      expect(response.statusCode, dob).toBe(400);
      expect(Object.keys(response.json().errors)).toEqual(['dob']);
    }
    for (const dob of ['0001-01-01', '9999-12-31', '2024-02-29']) {
      const response = await worker.post('/api/patients/', { name: 'Dob Test', dob });
      expect(response.statusCode, dob).toBe(201);
      expect(response.json().dob).toBe(dob);
    }
    const receipt = await upload([
      {
        operation: 'update',
        resource_type: 'Patient',
        server_id: patientId,
        base_version: 1,
        payload: { dob: '0000-01-01' },
      },
    ]);
    expect(receipt.results[0]?.errors).toEqual({
      'payload.dob': 'Year must be between 0001 and 9999.',
    });
  });

  it('answers a query timestamp of year 0000 with 400 naming the parameter', async () => {
    const response = await worker.get(
      '/api/patients/sync/?last_sync_timestamp=0000-01-01T00:00:00Z',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.last_sync_timestamp).toMatch(/0001 and 9999/);
  });
});

describe('nesting depth', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('refuses a deeply nested body before sign-in, naming the field', async () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 10_000, 1_000_000]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/token/',
        headers: { 'content-type': 'application/json' },
        payload: `{"username":${nested(depth)},"password":"x"}`,
      });
      expect(response.statusCode, String(depth)).toBe(400);
      expect(response.json().errors).toEqual({
        username: `Nested more than ${MAX_JSON_DEPTH} levels deep.`,
      });
    }
  });

  it("refuses a record whose data nests too deep, in a request and in an upload's change", async () => {
    const deep = `{"patient":"${patientId}","resource_type":"Observation","data":{"component":${nested(10_000)}}}`;
    const response = await rawJson(worker, '/api/records/', deep);
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().errors)).toEqual(['data.component']);

    const batch = `{"device_id":"bad-input","changes":[{"operation":"create","resource_type":"Observation","client_temp_id":"deep","payload":{"patient_id":"${patientId}","value":${nested(10_000)}}}]}`;
    const refused = await rawJson(worker, '/api/sync/upload/', batch);
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json().errors)).toEqual(['changes.0.payload.value']);

    const fits = `{"patient":"${patientId}","resource_type":"Observation","data":{"component":${nested(MAX_JSON_DEPTH - 3)}}}`;
    expect((await rawJson(worker, '/api/records/', fits)).statusCode).toBe(201);
  });
});

describe('size of one JSON field', () => {
  const huge = 'x'.repeat(MAX_JSON_FIELD_LENGTH);

  it('refuses a FHIR resource larger than the bound, naming data', async () => {
    const response = await worker.post('/api/records/', {
      patient: patientId,
      resource_type: 'Observation',
      data: { note: huge },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.data).toMatch(/Too large/);
  });

  it("rejects an upload's change whose payload is larger than the bound, and only that change", async () => {
    const receipt = await upload([
      {
        operation: 'create',
        resource_type: 'Observation',
        client_temp_id: randomUUID(),
        payload: { patient_id: patientId, note: huge },
      },
      newAppointment('2026-03-01T09:00:00+05:30'),
    ]);
    expect(receipt.results[0]?.errors?.payload).toMatch(/Too large/);
    expect(receipt.results[1]?.status).toBe('created');
  });
});

describe('URLs the router cannot take', () => {
  it('answers a path segment beyond the router’s length with 400 naming url, not echoing it', async () => {
    const long = 'x'.repeat(10_001);
    for (const url of [`/api/patients/${long}/`, `/api/sync/conflicts/${long}/resolve/`]) {
      const response = await worker.get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error_code: 'VALIDATION_ERROR',
        detail: expect.stringMatching(/longer than 10000/),
        errors: { url: expect.stringMatching(/longer than 10000/) },
      });
      expect(response.body).not.toContain(long);
    }
    // The marker URL asked for directly, with a problem that is not ours (was Object's own).
    const asked = await worker.get('/__invalid-url__?problem=constructor');
    expect(asked.statusCode).toBe(400);
    expect(asked.json().errors).toEqual({ url: 'The URL is not validly percent-encoded.' });
    const justUnder = await worker.get(`/api/patients/${'x'.repeat(10_000)}/`);
    expect(justUnder.statusCode).toBe(400);
    expect(Object.keys(justUnder.json().errors)).toEqual(['id']);
  });
});
