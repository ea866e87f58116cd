import { describe, expect, it } from 'vitest';
import { harness } from '../test/client-harness';
import { FakeServer } from '../test/fake-server';
import { STORE_KINDS, failingOnPut, uniqueName } from '../test/stores';
import { takeBatch } from '../sync/take-batch';

const PATIENT = '0190c0c0-0000-7000-8000-000000000001';

describe.each(STORE_KINDS)('local writes ($name)', (kind) => {
  it('writes the row and its outbox entry together, or neither', async () => {
    const store = failingOnPut(await kind.open(uniqueName()), 3);
    const { client } = await harness(store, new FakeServer());
    // put #1 deviceId meta, #2 the empty row, #3 fails: nothing of the create may remain.
    await expect(client.patients.create({ name: 'Asha Devi' })).rejects.toThrow('injected');
    expect(await client.patients.list()).toEqual([]);
    expect(await store.read((tx) => tx.count('outbox'))).toBe(0);
    const created = await client.patients.create({ name: 'Asha Devi' });
    expect(await client.patients.get(created.id)).toMatchObject({
      name: 'Asha Devi',
      _sync: { pending: true, onServer: false },
    });
    const outbox = await store.read((tx) => tx.getAll('outbox'));
    expect(outbox).toMatchObject([
      { operation: 'create', rowId: created.id, payload: { id: created.id, name: 'Asha Devi' } },
    ]);
  });

  it('validates edits with the contracts before writing anything', async () => {
    const { client, store } = await harness(await kind.open(uniqueName()), new FakeServer());
    await expect(client.patients.create({ name: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      fieldErrors: { name: expect.any(String) },
    });
    await expect(client.inventory.update('x', { quantity_available: -1 })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      fieldErrors: { quantity_available: expect.any(String) },
    });
    expect(await store.read((tx) => tx.count('outbox'))).toBe(0);
  });

  it('coalesces unsent edits of a row, never into a mutation in flight', async () => {
    const { client, store } = await harness(await kind.open(uniqueName()), new FakeServer());
    const p = await client.patients.create({ name: 'Ravi' });
    await client.patients.update(p.id, { phone_number: '+91-98' });
    let outbox = await store.read((tx) => tx.getAll('outbox'));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      operation: 'create',
      payload: { name: 'Ravi', phone_number: '+91-98' },
    });

    await store.write((tx) => takeBatch(tx, 100, 0)); // the create is now in flight
    await client.patients.update(p.id, { address: 'Warna' });
    await client.patients.update(p.id, { gender: 'Male' });
    outbox = (await store.read((tx) => tx.getAll('outbox'))).sort((a, b) => a.seq - b.seq);
    expect(outbox.map((e) => [e.operation, e.state, e.baseVersion])).toEqual([
      ['create', 'inflight', null],
      ['update', 'queued', null],
    ]);
    expect(outbox[1]?.payload).toEqual({ address: 'Warna', gender: 'Male' });
    expect(await client.patients.get(p.id)).toMatchObject({
      name: 'Ravi',
      address: 'Warna',
      gender: 'Male',
    });
  });

  it('drops a create and its row when the row is deleted before it was sent', async () => {
    const { client, store } = await harness(await kind.open(uniqueName()), new FakeServer());
    const p = await client.patients.create({ name: 'Temp' });
    await client.patients.remove(p.id);
    expect(await client.patients.get(p.id)).toBeUndefined();
    expect(await store.read((tx) => tx.count('outbox'))).toBe(0);
    expect(await store.read((tx) => tx.count('patients'))).toBe(0);
  });

  it('answers the queries the screens need from the local view', async () => {
    const { client } = await harness(await kind.open(uniqueName()), new FakeServer());
    const anita = await client.patients.create({ name: 'Anita Sharma' });
    const anil = await client.patients.create({ name: 'Anil Kumar' });
    await client.patients.create({ name: 'Ravi Anand' });
    expect((await client.patients.search('an')).map((p) => p.name).sort()).toEqual([
      'Anil Kumar',
      'Anita Sharma',
      'Ravi Anand',
    ]);
    expect((await client.patients.search('shar ani')).map((p) => p.name)).toEqual(['Anita Sharma']);
    await client.patients.update(anita.id, { phone_number: '+91 98220-12345' });
    await client.patients.update(anil.id, { phone_number: '020 2345 6789' });
    const byPhone = async (text: string) =>
      (await client.patients.searchPhone(text)).map((p) => p.name).sort();
    expect(await byPhone('12345')).toEqual(['Anita Sharma']); // the end of a number
    expect(await byPhone('2220')).toEqual([]);
    expect(await byPhone('234')).toEqual(['Anil Kumar', 'Anita Sharma']); // anywhere, any format
    expect(await byPhone('98220 12')).toEqual(['Anita Sharma']);
    expect(await byPhone('98')).toEqual([]); // too short to mean anything
    await client.patients.update(anil.id, { phone_number: null });
    expect(await byPhone('234')).toEqual(['Anita Sharma']);

    await client.appointments.create({
      patient_id: anita.id,
      appointment_date: '2024-01-25T14:00:00Z',
      status: 'CONFIRMED',
    });
    await client.appointments.create({
      patient_id: anil.id,
      appointment_date: '2024-01-26T09:00:00+05:30',
    });
    expect((await client.appointments.byPatient(anita.id)).map((a) => a.status)).toEqual([
      'CONFIRMED',
    ]);
    expect(await client.appointments.byStatus('PENDING')).toHaveLength(1);
    // 09:00+05:30 on the 26th is 03:30Z: compared as instants, ordered by time.
    const twoDays = await client.appointments.between(
      '2024-01-25T00:00:00Z',
      '2024-01-27T00:00:00Z',
    );
    expect(twoDays.map((a) => a.patient_id)).toEqual([anita.id, anil.id]);
    const firstDay = await client.appointments.between(
      '2024-01-25T00:00:00Z',
      '2024-01-26T03:30:00Z',
    );
    expect(firstDay.map((a) => a.patient_id)).toEqual([anita.id]);
  });

  it('keeps health records by patient and merges record edits into data', async () => {
    const { client, store } = await harness(await kind.open(uniqueName()), new FakeServer());
    const rec = await client.records.create({
      patient: PATIENT,
      resource_type: 'Observation',
      data: { code: 'bp', value: 120 },
    });
    await client.records.update(rec.id, { value: 130 });
    expect((await client.records.byPatient(PATIENT, 'Observation')).map((r) => r.data)).toEqual([
      { code: 'bp', value: 130 },
    ]);
    const [entry] = await store.read((tx) => tx.getAll('outbox'));
    expect(entry?.payload).toEqual({ id: rec.id, patient_id: PATIENT, code: 'bp', value: 130 });
    expect(await client.records.byPatient(PATIENT, 'Condition')).toEqual([]);
  });

  it('finds stock by medicine and pharmacy', async () => {
    const { client } = await harness(await kind.open(uniqueName()), new FakeServer());
    const pharmacy = '0190c0c0-0000-7000-8000-0000000000a1';
    const medicine = '0190c0c0-0000-7000-8000-0000000000b1';
    await client.inventory.create({
      pharmacy_id: pharmacy,
      medicine_id: medicine,
      quantity_available: 25,
    });
    expect((await client.inventory.byMedicine(medicine)).map((i) => i.quantity_available)).toEqual([
      25,
    ]);
    expect(await client.inventory.byPharmacy(pharmacy)).toHaveLength(1);
  });
});
