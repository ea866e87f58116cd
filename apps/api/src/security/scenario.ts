import {
  APPOINTMENTS,
  DEMO_ACCOUNTS,
  demoId,
  DOCTORS,
  FACILITY_A,
  FACILITY_B,
  INVENTORY,
  MEDICINES,
  OBSERVATIONS,
  PATIENTS_A,
  PATIENTS_B,
  PHARMACIES,
} from '../demo/demo-data';
import type { TestApp } from '../test/test-app';

/** Every id of the demo data. */
export function knownIds(): string[] {
  return [
    FACILITY_A.id,
    FACILITY_B.id,
    ...DEMO_ACCOUNTS.map((a) => demoId(`user-${a.username}`)),
    ...[...PATIENTS_A, ...PATIENTS_B, ...DOCTORS, ...APPOINTMENTS, ...OBSERVATIONS].map((r) =>
      demoId(r.key),
    ),
    ...[...PHARMACIES, ...MEDICINES].map((r) => demoId(r.key)),
    ...INVENTORY.map((i) => demoId(`inventory-${i.pharmacy}-${i.medicine}`)),
  ];
}

export type Scenario = {
  /** Facility A rows owned by `worker`: a batch, an open conflict, a fresh patient and record. */
  a: {
    batchId: string;
    pendingBatchId: string;
    conflictId: string;
    patientId: string;
    recordId: string;
  };
  /** The same for `worker2` in facility B. */
  b: { batchId: string; patientId: string };
  ids: string[];
  cursors: string[];
};

/** Rows beyond the demo data that the fuzz and security tests aim at: batches, conflicts. */
export async function seedScenario(t: TestApp): Promise<Scenario> {
  const worker = await t.as('worker');
  const worker2 = await t.as('worker2');
  const ok = <T>(
    response: { statusCode: number; body: string; json: () => unknown },
    what: string,
  ) => {
    if (response.statusCode >= 300)
      throw new Error(`${what}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  };
  const patientId = ok<{ id: string }>(
    await worker.post('/api/patients/', { name: 'Scenario Patient A' }),
    'patient A',
  ).id;
  const recordId = ok<{ id: string }>(
    await worker.post('/api/records/', {
      patient: patientId,
      resource_type: 'Condition',
      data: { code: 'scenario' },
    }),
    'record A',
  ).id;
  // A stale edit of a facility A appointment: kept as an open conflict of `worker`.
  const batch = ok<{ batch_id: string; conflicts: { conflict_id: string }[] }>(
    await worker.post('/api/sync/upload/', {
      device_id: 'scenario-a',
      changes: [
        {
          operation: 'update',
          resource_type: 'Appointment',
          server_id: demoId('appointment-101'),
          client_updated_at: '2000-01-01T00:00:00Z',
          payload: { diagnosis: 'stale edit' },
        },
      ],
    }),
    'batch A',
  );
  const conflictId = batch.conflicts[0]?.conflict_id;
  if (!conflictId) throw new Error('scenario: the stale edit did not make a conflict');
  const pendingBatchId = ok<{ batch_id: string }>(
    await worker.post('/api/sync/upload/?async=true', { device_id: 'scenario-a', changes: [] }),
    'pending batch',
  ).batch_id;
  await t.app.batchQueue.drain();
  const patientB = ok<{ id: string }>(
    await worker2.post('/api/patients/', { name: 'Scenario Patient B' }),
    'patient B',
  ).id;
  const batchB = ok<{ batch_id: string }>(
    await worker2.post('/api/sync/upload/', { device_id: 'scenario-b', changes: [] }),
    'batch B',
  ).batch_id;
  const status = ok<{ server_time: string }>(await worker.get('/api/sync/status/'), 'status');
  return {
    a: { batchId: batch.batch_id, pendingBatchId, conflictId, patientId, recordId },
    b: { batchId: batchB, patientId: patientB },
    ids: [batch.batch_id, pendingBatchId, conflictId, patientId, recordId, patientB, batchB],
    cursors: [status.server_time],
  };
}
