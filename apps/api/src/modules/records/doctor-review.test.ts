import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOCTOR_REVIEW_URL,
  doctorReviewExtension,
  doctorReviewOf,
  type HealthRecord,
  type UploadReceipt,
} from '@healthsync/contracts';
import { demoId } from '../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';

/** A doctor marks an out-of-normal reading reviewed (issue 19): only that doctor, on every path. */
let t: TestApp, doctor: Caller, worker: Caller;
beforeAll(async () => ({ t, doctor, worker } = await openTestApp('doctor', 'worker')));
afterAll(() => t.close());

const RAMESH = demoId('patient-1');
const DOCTOR = demoId('doctor-deshmukh');
const review = (doctorId = DOCTOR) =>
  doctorReviewExtension({ doctorId, at: '2026-12-06T09:00:00Z' });
const pulse = () => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
  subject: { reference: `Patient/${RAMESH}` },
  valueQuantity: { value: 128, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
});

async function newReading(): Promise<HealthRecord> {
  const created = await worker.post('/api/records/', {
    patient: RAMESH,
    resource_type: 'Observation',
    data: pulse(),
  });
  expect(created.statusCode).toBe(201);
  return created.json<HealthRecord>();
}

const update = (id: string, payload: Record<string, unknown>) => ({
  operation: 'update',
  resource_type: 'Observation',
  server_id: id,
  client_change_id: crypto.randomUUID(),
  base_version: 1,
  payload,
});

describe("a doctor's review of a reading", () => {
  it('REST: the doctor marks it, with the audit; a worker or another doctor named is refused', async () => {
    const reading = await newReading();
    const byWorker = await worker.patch(`/api/records/${reading.id}/`, {
      data: { ...pulse(), extension: [review()] },
    });
    expect(byWorker.statusCode).toBe(403);
    const naming = await doctor.patch(`/api/records/${reading.id}/`, {
      data: { ...pulse(), extension: [review(crypto.randomUUID())] },
    });
    expect(naming.statusCode).toBe(403);
    const malformed = await doctor.patch(`/api/records/${reading.id}/`, {
      data: {
        ...pulse(),
        extension: [
          {
            url: DOCTOR_REVIEW_URL,
            extension: [{ url: 'time', valueDateTime: '2026-12-06T09:00:00Z' }],
          },
        ],
      },
    });
    expect(malformed.statusCode).toBe(400);
    expect(Object.keys(malformed.json().errors)).toEqual(['data.extension']);

    const marked = await doctor.patch(`/api/records/${reading.id}/`, {
      data: { ...pulse(), extension: [review()] },
    });
    expect(marked.statusCode).toBe(200);
    expect(doctorReviewOf(marked.json<HealthRecord>().data)).toEqual({
      doctorId: DOCTOR,
      at: '2026-12-06T09:00:00Z',
    });
    const audit = await t.database.prisma.auditLog.findFirst({
      where: { entityId: reading.id, action: 'update' },
    });
    expect(audit).not.toBeNull();
    // A worker's later edit keeps the mark as it was: allowed.
    const kept = await worker.patch(`/api/records/${reading.id}/`, {
      data: { ...pulse(), status: 'amended', extension: [review()] },
    });
    expect(kept.statusCode).toBe(200);
  });

  it('upload: refused from a worker, one by one and in a run; applied from the doctor', async () => {
    const [a, b] = [await newReading(), await newReading()];
    const refused = (
      await worker.post('/api/sync/upload/', {
        device_id: 'review-worker',
        changes: [
          update(a.id, { extension: [review()] }),
          update(b.id, { extension: [review()] }),
          {
            operation: 'create',
            resource_type: 'Observation',
            client_temp_id: crypto.randomUUID(),
            payload: { ...pulse(), patient_id: RAMESH, extension: [review()] },
          },
        ],
      })
    ).json<UploadReceipt>();
    expect(refused.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);

    const applied = (
      await doctor.post('/api/sync/upload/', {
        device_id: 'review-doctor',
        changes: [update(a.id, { extension: [review()] })],
      })
    ).json<UploadReceipt>();
    expect(applied.results[0]!.status).toBe('updated');
    const stored = await t.database.prisma.healthRecord.findUnique({ where: { id: b.id } });
    expect(doctorReviewOf(stored!.data as Record<string, unknown>)).toBeNull();
  });
});
