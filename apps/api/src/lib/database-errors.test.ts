import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadReceipt } from '@healthsync/contracts';
import { APPOINTMENTS, demoId, PATIENTS_A } from '../demo/demo-data';
import { createTestApp, type Caller, type TestApp } from '../test/test-app';

/**
 * Issue 13, item 4: a value only the database refuses (the schemas let it through) is a 400
 * naming the field — in the one error handler, and per change in an upload — and no log line
 * carries the arguments of the database call. The refusals are real: a CHECK constraint and a
 * trigger added to this test's database, the kind of rule a schema can miss.
 */
const REFUSED_ADDRESS = 'Refused Lane, Village Gram';
const REFUSED_SYMPTOMS = 'refused: chest pain since Tuesday';
const TRIGGER_NAME = 'Trigger Refused Patient Name';

let t: TestApp;
let worker: Caller;
const logLines: string[] = [];
const patientA = demoId(PATIENTS_A[0].key);
const patientB = demoId(PATIENTS_A[1].key);
const appointment = demoId(APPOINTMENTS[0]!.key);

beforeAll(async () => {
  t = await createTestApp(
    {},
    { logger: { level: 'info', stream: { write: (line: string) => logLines.push(line) } } },
  );
  worker = await t.as('worker');
  const { prisma } = t.database;
  await prisma.$executeRawUnsafe(
    `ALTER TABLE patient ADD CONSTRAINT patient_address_check CHECK (address IS DISTINCT FROM '${REFUSED_ADDRESS}')`,
  );
  await prisma.$executeRawUnsafe(
    `ALTER TABLE appointment ADD CONSTRAINT appointment_symptoms_check CHECK (symptoms IS DISTINCT FROM '${REFUSED_SYMPTOMS}')`,
  );
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION refuse_test_name() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.name = '${TRIGGER_NAME}' THEN RAISE EXCEPTION 'refusing %', NEW.name; END IF;
      RETURN NEW;
    END $$`);
  await prisma.$executeRawUnsafe(
    'CREATE TRIGGER refuse_test_name BEFORE INSERT ON patient FOR EACH ROW EXECUTE FUNCTION refuse_test_name()',
  );
});
afterAll(() => t?.close());

async function upload(changes: unknown[]): Promise<UploadReceipt> {
  const response = await worker.post('/api/sync/upload/', { device_id: 'db-errors', changes });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<UploadReceipt>();
}

describe('values the database refuses', () => {
  it('are a 400 naming the field on a REST write', async () => {
    const patch = await worker.patch(`/api/patients/${patientA}/`, { address: REFUSED_ADDRESS });
    expect(patch.statusCode, patch.body).toBe(400);
    expect(patch.json().errors).toEqual({ address: 'Not allowed here.' });

    const put = await worker.put(`/api/appointments/${appointment}/sync_update/`, {
      base_version: 1,
      symptoms: REFUSED_SYMPTOMS,
    });
    expect(put.statusCode, put.body).toBe(400);
    expect(put.json().errors).toEqual({ symptoms: 'Not allowed here.' });
  });

  it('reject only their change of an upload, in a bulk run and alone', async () => {
    const receipt = await upload([
      // A run of patient edits for the bulk writer, one of them refused.
      {
        operation: 'update',
        resource_type: 'Patient',
        server_id: patientA,
        base_version: 1,
        payload: { address: REFUSED_ADDRESS },
      },
      {
        operation: 'update',
        resource_type: 'Patient',
        server_id: patientB,
        base_version: 1,
        payload: { address: 'Village Warna' },
      },
      // A new appointment refused, then one accepted.
      {
        operation: 'create',
        resource_type: 'Appointment',
        client_temp_id: randomUUID(),
        payload: {
          patient_id: patientA,
          appointment_date: '2026-02-01T09:00:00Z',
          symptoms: REFUSED_SYMPTOMS,
        },
      },
      {
        operation: 'create',
        resource_type: 'Appointment',
        client_temp_id: randomUUID(),
        payload: { patient_id: patientA, appointment_date: '2026-02-01T10:00:00Z' },
      },
    ]);
    expect(receipt.results.map((r) => [r.status, r.errors])).toEqual([
      ['rejected', { 'payload.address': 'Not allowed here.' }],
      ['updated', null],
      ['rejected', { 'payload.symptoms': 'Not allowed here.' }],
      ['created', null],
    ]);
  });
});

describe('error logs', () => {
  it('carry the code of a refused call, never its arguments or the row', async () => {
    logLines.length = 0;
    const refused = await worker.patch(`/api/patients/${patientA}/`, { address: REFUSED_ADDRESS });
    expect(refused.statusCode).toBe(400);
    const failed = await worker.post('/api/patients/', {
      name: TRIGGER_NAME,
      phone_number: '98765',
    });
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain(TRIGGER_NAME);

    const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const errors = logged.filter((line) => line.err);
    expect(errors.map((line) => [line.level, line.msg])).toEqual([
      [40, 'database refused input'],
      [50, 'unhandled error'],
    ]);
    expect(errors.map((line) => (line.err as { sqlState?: string }).sqlState)).toEqual([
      '23514',
      'P0001',
    ]);
    const text = logLines.join('\n');
    for (const clinical of [REFUSED_ADDRESS, TRIGGER_NAME, 'Ramesh', 'Failing row', '98765']) {
      expect(text).not.toContain(clinical);
    }
    // Still useful: where the failing call was made.
    expect(String((errors[1]!.err as { stack: string }).stack)).toMatch(/create-patient/);
  });
});
