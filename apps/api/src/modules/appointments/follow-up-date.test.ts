import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, UploadReceipt } from '@healthsync/contracts';
import { demoId } from '../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';

/** A visit's follow-up date (issue 19): optional, a calendar date, on every write path. */
let t: TestApp, doctor: Caller, worker: Caller;
beforeAll(async () => ({ t, doctor, worker } = await openTestApp('doctor', 'worker')));
afterAll(() => t.close());

const newVisit = (payload: Record<string, unknown>) => ({
  operation: 'create',
  resource_type: 'Appointment',
  client_temp_id: crypto.randomUUID(),
  payload: {
    patient_id: demoId('patient-1'),
    appointment_date: '2026-12-01T09:00:00Z',
    ...payload,
  },
});

async function upload(changes: unknown[]): Promise<UploadReceipt> {
  return (await worker.post('/api/sync/upload/', { device_id: 'follow-up', changes })).json();
}

async function pulled(id: string): Promise<Appointment> {
  return (await doctor.get('/api/appointments/sync/'))
    .json<Appointment[]>()
    .find((a) => a.id === id)!;
}

describe('follow-up date', () => {
  it('is stored when a visit is created with one, and null when it is left out', async () => {
    const receipt = await upload([newVisit({ follow_up_date: '2026-12-15' }), newVisit({})]);
    expect(receipt.results.map((r) => r.status)).toEqual(['created', 'created']);
    expect((await pulled(receipt.results[0]!.server_id!)).follow_up_date).toBe('2026-12-15');
    expect((await pulled(receipt.results[1]!.server_id!)).follow_up_date).toBeNull();
  });

  it('is set and cleared by a sync update, the rest of the visit kept', async () => {
    const receipt = await upload([newVisit({ symptoms: 'Cough' })]);
    const visit = await pulled(receipt.results[0]!.server_id!);
    const set = await doctor.put(`/api/appointments/${visit.id}/sync_update/`, {
      base_version: visit.server_version,
      follow_up_date: '2026-12-22',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json<Appointment>()).toMatchObject({
      follow_up_date: '2026-12-22',
      symptoms: 'Cough',
    });
    const cleared = await doctor.put(`/api/appointments/${visit.id}/sync_update/`, {
      base_version: visit.server_version + 1,
      follow_up_date: null,
    });
    expect(cleared.json<Appointment>().follow_up_date).toBeNull();
    expect((await pulled(visit.id)).follow_up_date).toBeNull();
  });

  it('is refused, naming the field, when it is not a day that exists', async () => {
    const receipt = await upload([
      newVisit({ follow_up_date: '2026-02-30' }),
      newVisit({ follow_up_date: '15/12/2026' }),
    ]);
    for (const result of receipt.results) {
      expect(result.status).toBe('rejected');
      expect(Object.keys(result.errors ?? {})).toEqual(['payload.follow_up_date']);
    }
    const [visit] = (await upload([newVisit({})])).results;
    const response = await doctor.put(`/api/appointments/${visit!.server_id}/sync_update/`, {
      base_version: 1,
      follow_up_date: '2026-13-01',
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().errors)).toEqual(['follow_up_date']);
    expect((await pulled(visit!.server_id!)).follow_up_date).toBeNull();
  });
});
