import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UploadReceipt, type Patient } from '@healthsync/contracts';
import { demoId } from '../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';
import { uploadBatch } from './upload/upload-batch';

let t: TestApp, worker: Caller;
beforeAll(async () => ({ t, worker } = await openTestApp('worker')));
afterAll(() => t.close());

const countNamed = async (name: string) => t.database.prisma.patient.count({ where: { name } });
const batchId = () => crypto.randomUUID();

describe('invariant 3: idempotent push', () => {
  it('returns the stored receipt for a replayed batch_id and creates nothing new', async () => {
    const body = {
      device_id: 'phone-1',
      batch_id: batchId(),
      changes: [
        {
          operation: 'create',
          resource_type: 'Patient',
          client_temp_id: 't-1',
          payload: { name: 'Replayed Once' },
        },
      ],
    };
    const first = await worker.post('/api/sync/upload/', body);
    const second = await worker.post('/api/sync/upload/', body);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(await countNamed('Replayed Once')).toBe(1);
  });

  it('returns the stored receipt to a replay that arrives while the first is still being applied', async () => {
    const body = {
      device_id: 'phone-2',
      batch_id: batchId(),
      changes: Array.from({ length: 20 }, (_, i) => ({
        operation: 'create',
        resource_type: 'Patient',
        client_temp_id: `c-${i}`,
        payload: { name: 'Concurrent Replay' },
      })),
    };
    const responses = await Promise.all([
      worker.post('/api/sync/upload/', body),
      worker.post('/api/sync/upload/', body),
      worker.post('/api/sync/upload/', body),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const receipts = responses.map((r) => UploadReceipt.parse(r.json()));
    expect(receipts[1]).toEqual(receipts[0]);
    expect(receipts[2]).toEqual(receipts[0]);
    expect(await countNamed('Concurrent Replay')).toBe(20);
  });

  it('keys creates by device and client_temp_id across batches', async () => {
    const change = {
      operation: 'create',
      resource_type: 'Patient',
      client_temp_id: 'temp-x',
      payload: { name: 'Temp Keyed' },
    };
    const first = (
      await worker.post('/api/sync/upload/', { device_id: 'phone-3', changes: [change] })
    ).json();
    const again = (
      await worker.post('/api/sync/upload/', { device_id: 'phone-3', changes: [change] })
    ).json();
    expect(again.results[0]).toMatchObject({
      status: 'created',
      server_id: first.results[0].server_id,
    });
    expect(await countNamed('Temp Keyed')).toBe(1);
    // Another device may use the same temporary id for its own patient.
    await worker.post('/api/sync/upload/', { device_id: 'phone-4', changes: [change] });
    expect(await countNamed('Temp Keyed')).toBe(2);
  });

  it('treats a create whose client-generated id exists as the same create arriving again', async () => {
    const id = '0191e7a0-1111-7000-8000-000000000001';
    const change = {
      operation: 'create',
      resource_type: 'Patient',
      payload: { id, name: 'Client Id' },
    };
    await worker.post('/api/sync/upload/', { device_id: 'phone-5', changes: [change] });
    const again = (
      await worker.post('/api/sync/upload/', { device_id: 'phone-5', changes: [change] })
    ).json();
    expect(again.results[0]).toMatchObject({ status: 'created', server_id: id, server_version: 1 });
    expect(await countNamed('Client Id')).toBe(1);
  });

  it('replays a keyed update by client_change_id without writing it again', async () => {
    const patient = (await worker.post('/api/patients/', { name: 'Change Keyed' })).json<Patient>();
    const change = {
      operation: 'update',
      resource_type: 'Patient',
      server_id: patient.id,
      client_change_id: 'm-1',
      base_version: 1,
      payload: { address: 'Ward 4' },
    };
    const first = (
      await worker.post('/api/sync/upload/', { device_id: 'phone-6', changes: [change] })
    ).json();
    const again = (
      await worker.post('/api/sync/upload/', { device_id: 'phone-6', changes: [change] })
    ).json();
    expect(first.results[0]).toMatchObject({ status: 'updated', server_version: 2 });
    expect(again.results[0]).toEqual(first.results[0]);
    expect((await worker.get(`/api/patients/${patient.id}/`)).json().server_version).toBe(2);
  });

  it('answers a replayed update without any ids with a conflict, never a second write', async () => {
    const patient = (await worker.post('/api/patients/', { name: 'No Ids' })).json<Patient>();
    const change = {
      operation: 'update',
      resource_type: 'Patient',
      server_id: patient.id,
      client_updated_at: patient.updated_at,
      payload: { address: 'Once' },
    };
    const first = (
      await worker.post('/api/sync/upload/', { device_id: 'phone-7', changes: [change] })
    ).json();
    const again = (
      await worker.post('/api/sync/upload/', { device_id: 'phone-7', changes: [change] })
    ).json();
    expect(first.results[0].status).toBe('updated');
    expect(again.results[0].status).toBe('conflict');
    expect((await worker.get(`/api/patients/${patient.id}/`)).json().server_version).toBe(2);
  });

  it('refuses a create with no id to key it by, and an update with no base', async () => {
    const receipt = (
      await worker.post('/api/sync/upload/', {
        device_id: 'phone-8',
        changes: [
          { operation: 'create', resource_type: 'Patient', payload: { name: 'Unkeyed' } },
          {
            operation: 'update',
            resource_type: 'Patient',
            server_id: demoId('patient-1'),
            payload: { address: 'x' },
          },
        ],
      })
    ).json();
    expect(receipt.results[0]).toMatchObject({
      status: 'rejected',
      errors: { client_temp_id: expect.any(String) },
    });
    expect(receipt.results[1]).toMatchObject({
      status: 'rejected',
      errors: { client_updated_at: expect.any(String) },
    });
    expect(await countNamed('Unkeyed')).toBe(0);
  });

  it('refuses a batch_id that belongs to another user', async () => {
    const body = { device_id: 'phone-9', batch_id: batchId(), changes: [] };
    await worker.post('/api/sync/upload/', body);
    const other = await t.as('worker2');
    const response = await other.post('/api/sync/upload/', body);
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toHaveProperty('batch_id');
  });
});

describe('invariant 4: atomic batch, per-change receipt', () => {
  it('leaves nothing of a batch that fails mid-way, then applies it whole on retry', async () => {
    const caller = await t.authUser('worker');
    const actor = { userId: caller.id, deviceId: 'phone-10', requestId: null };
    const request = {
      device_id: 'phone-10',
      batch_id: batchId(),
      changes: Array.from({ length: 5 }, (_, i) => ({
        operation: 'create',
        resource_type: 'Patient',
        client_temp_id: `atomic-${i}`,
        payload: { name: 'Atomic Batch' },
      })),
    };
    const auditBefore = await t.database.prisma.auditLog.count();
    await expect(
      uploadBatch(t.database.prisma, caller, actor, request, {
        beforeChange: (index) => {
          if (index === 3) throw new Error('injected database failure at change 3');
        },
      }),
    ).rejects.toThrow('injected');
    expect(await countNamed('Atomic Batch')).toBe(0);
    expect(
      await t.database.prisma.syncBatch.findUnique({ where: { id: request.batch_id } }),
    ).toBeNull();
    expect(
      await t.database.prisma.syncChangeKey.count({ where: { batchId: request.batch_id } }),
    ).toBe(0);
    expect(await t.database.prisma.auditLog.count()).toBe(auditBefore);

    const receipt = await uploadBatch(t.database.prisma, caller, actor, request);
    expect(receipt.results.map((r) => r.status)).toEqual(Array(5).fill('created'));
    expect(await countNamed('Atomic Batch')).toBe(5);
  });

  it('gives each change its own outcome; a bad change never blocks the rest', async () => {
    const patient = (
      await worker.post('/api/patients/', { name: 'Mixed Batch Target' })
    ).json<Patient>();
    const receipt = UploadReceipt.parse(
      (
        await worker.post('/api/sync/upload/', {
          device_id: 'phone-11',
          changes: [
            {
              operation: 'create',
              resource_type: 'Patient',
              client_temp_id: 'ok-1',
              payload: { name: 'Mixed Batch Created' },
            },
            {
              operation: 'create',
              resource_type: 'Patient',
              client_temp_id: 'bad-1',
              payload: { dob: 'not a date' },
            },
            {
              operation: 'update',
              resource_type: 'Patient',
              server_id: patient.id,
              base_version: 1,
              payload: { address: 'Updated' },
            },
            {
              operation: 'delete',
              resource_type: 'Patient',
              server_id: '0191e7a0-0000-7000-8000-0000000000ff',
              base_version: 1,
            },
            {
              operation: 'create',
              resource_type: 'Doctor',
              client_temp_id: 'doc',
              payload: { name: 'Dr. Nobody' },
            },
            { operation: 'explode', resource_type: 'Patient' },
          ],
        })
      ).json(),
    );
    expect(receipt.results.map((r) => r.status)).toEqual([
      'created',
      'rejected',
      'updated',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(receipt.results[1]!.errors).toHaveProperty('payload.name');
    expect(receipt.results[1]!.errors).toHaveProperty('payload.dob');
    expect(receipt.results[3]!.errors).toHaveProperty('server_id');
    expect(receipt.results[4]!.errors).toHaveProperty('resource_type');
    expect(receipt.results[5]!.errors).toHaveProperty('operation');
    expect(await countNamed('Mixed Batch Created')).toBe(1);
  });

  it('rejects a malformed upload body as a whole, naming the field', async () => {
    const response = await worker.post('/api/sync/upload/', { changes: 'nope' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toMatchObject({
      device_id: expect.any(String),
      changes: expect.any(String),
    });
  });
});
