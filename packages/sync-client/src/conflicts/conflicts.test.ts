import { describe, expect, it } from 'vitest';
import { harness } from '../test/client-harness';
import { FakeServer } from '../test/fake-server';
import { STORE_KINDS, uniqueName } from '../test/stores';

describe.each(STORE_KINDS)('conflicts ($name)', (kind) => {
  async function conflictOn(fields: Record<string, unknown>) {
    const server = new FakeServer();
    const id = server.seed('Appointment', {
      patient_id: '0190c0c0-0000-7000-8000-000000000001',
      appointment_date: '2024-01-22T10:30:00.000000Z',
      status: 'CONFIRMED',
    });
    const h = await harness(await kind.open(uniqueName()), server);
    await h.client.syncNow();
    server.edit(id, { diagnosis: 'Mild pneumonia' }); // another device, first
    await h.client.appointments.update(id, fields);
    const status = await h.client.syncNow();
    return { ...h, server, id, status };
  }

  it('stores a refused edit with both versions and shows the server row', async () => {
    const { client, id, status } = await conflictOn({
      prescription: 'Amoxicillin 500mg',
      status: 'COMPLETED',
    });
    expect(status).toMatchObject({ openConflicts: 1, pendingCount: 0 });
    const [conflict] = await client.listConflicts('open');
    expect(conflict).toMatchObject({
      kind: 'server_newer',
      rowId: id,
      operation: 'update',
      mine: { prescription: 'Amoxicillin 500mg', status: 'COMPLETED' },
      mineChangedFields: ['prescription', 'status'],
      serverChangedFields: ['diagnosis'],
      baseVersion: 1,
      serverVersion: 2,
      server: { diagnosis: 'Mild pneumonia', prescription: null },
    });
    expect(await client.appointments.get(id)).toMatchObject({
      diagnosis: 'Mild pneumonia',
      prescription: null,
      _sync: { pending: false, conflictId: conflict?.id },
    });
  });

  it('reapply sends our fields on top of the server version, then closes the server record', async () => {
    const { client, server, id } = await conflictOn({ prescription: 'Amoxicillin 500mg' });
    const [conflict] = await client.listConflicts('open');
    if (!conflict) throw new Error('expected a conflict');
    await client.resolve(conflict.id, 'reapply');
    expect(await client.appointments.get(id)).toMatchObject({
      diagnosis: 'Mild pneumonia',
      prescription: 'Amoxicillin 500mg',
    });
    const status = await client.syncNow();
    expect(status).toMatchObject({ openConflicts: 0, pendingCount: 0, safeToWipe: true });
    expect(server.live('Appointment')[0]).toMatchObject({
      diagnosis: 'Mild pneumonia',
      prescription: 'Amoxicillin 500mg',
      server_version: 3,
    });
    expect(server.conflicts.get(conflict.id)).toMatchObject({ action: 'discard' });
    expect(await client.listConflicts()).toMatchObject([
      { status: 'reapplied', serverClosePending: false },
    ]);
  });

  it('discard keeps the server row and drops our edit', async () => {
    const { client, server, id } = await conflictOn({ prescription: 'Different prescription' });
    const [conflict] = await client.listConflicts('open');
    if (!conflict) throw new Error('expected a conflict');
    await client.resolve(conflict.id, 'discard');
    expect(client.status.getSnapshot().safeToWipe).toBe(false); // the server record is not closed yet
    await client.syncNow();
    expect(server.rows.get(id)?.version).toBe(2);
    expect(server.conflicts.get(conflict.id)).toMatchObject({ action: 'discard' });
    expect(await client.appointments.get(id)).toMatchObject({
      prescription: null,
      _sync: { conflictId: null },
    });
    expect(client.status.getSnapshot().safeToWipe).toBe(true);
  });

  it('keeps a rejected create as a local-only conflict (not safe to wipe)', async () => {
    const server = new FakeServer();
    // Valid locally, refused by this server: it stands for any server-side validation.
    const original = server.fetch;
    server.fetch = async (url, init) => {
      if (typeof init.body === 'string' && init.body.includes('Refused')) {
        init = { ...init, body: init.body.replace('Refused', ' ') };
      }
      return original(url, init);
    };
    const { client } = await harness(await kind.open(uniqueName()), server);
    const p = await client.patients.create({ name: 'Refused' });
    const status = await client.syncNow();
    expect(status).toMatchObject({ openConflicts: 1, pendingCount: 0, safeToWipe: false });
    expect(await client.listConflicts('open')).toMatchObject([
      { kind: 'rejected', operation: 'create', errors: { name: 'Required' } },
    ]);
    expect(await client.patients.get(p.id)).toBeUndefined();
  });
});
