import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SIZES, type UploadReceipt } from '@healthsync/contracts';
import { demoId } from './demo/demo-data';
import { openInProcessDevice } from './test/in-process-device';
import { openTestApp, type Caller, type TestApp } from './test/test-app';

/** The sync-client against the real API's paged lists: it follows their Link headers. */
let t: TestApp, worker: Caller;
beforeAll(async () => ({ t, worker } = await openTestApp('worker')));
afterAll(() => t.close());

describe('a new device', () => {
  it('brings every open conflict of its user, page after page of the list', async () => {
    const patient = demoId('patient-2');
    const before = await t.database.prisma.patient.findUniqueOrThrow({ where: { id: patient } });
    await worker.patch(`/api/patients/${patient}/`, { address: 'Changed on the server' });
    // More stale edits than one page of /api/sync/conflicts/ holds.
    const count = PAGE_SIZES.conflicts.default + 1;
    const receipt = (
      await worker.post('/api/sync/upload/', {
        device_id: 'old-phone',
        changes: Array.from({ length: count }, (_, i) => ({
          operation: 'update',
          resource_type: 'Patient',
          server_id: patient,
          base_version: before.serverVersion,
          client_change_id: `stale-${i}`,
          payload: { address: `Stale ${i}` },
        })),
      })
    ).json<UploadReceipt>();
    expect(receipt.conflicts).toHaveLength(count);

    const workerUser = await t.authUser('worker');
    const client = await openInProcessDevice(t, 'worker', { deviceId: 'new-phone' });
    try {
      const open = await t.database.prisma.syncConflict.count({
        where: { userId: workerUser.id, status: 'open' },
      });
      expect(open).toBeGreaterThan(PAGE_SIZES.conflicts.default);
      expect(await client.importServerConflicts()).toBe(open);
    } finally {
      await client.close();
    }
  });
});
