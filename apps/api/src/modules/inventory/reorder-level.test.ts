import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryItem, type UploadReceipt } from '@healthsync/contracts';
import { demoId } from '../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../test/test-app';

/** The optional reorder level of a stock row (issue 19, pharmacist alerts), through the upload. */
let t: TestApp, pharmacist: Caller, worker: Caller;
beforeAll(async () => ({ t, pharmacist, worker } = await openTestApp('pharmacist', 'worker')));
afterAll(() => t.close());

const OWN = demoId('pharmacy-gram-medical');

async function newMedicine(name: string) {
  const id = randomUUID();
  await t.database.prisma.medicine.create({ data: { id, name } });
  return id;
}

async function upload(changes: Record<string, unknown>[]) {
  const response = await pharmacist.post('/api/sync/upload/', {
    device_id: 'pharmacy-phone',
    changes: changes.map((change) => ({ client_change_id: randomUUID(), ...change })),
  });
  expect(response.statusCode).toBe(200);
  return response.json<UploadReceipt>();
}

const create = (medicineId: string, extra: Record<string, unknown> = {}) => ({
  operation: 'create',
  resource_type: 'InventoryItem',
  client_temp_id: randomUUID(),
  payload: { pharmacy_id: OWN, medicine_id: medicineId, quantity_available: 30, ...extra },
});

const update = (id: string, base: number, payload: Record<string, unknown>) => ({
  operation: 'update',
  resource_type: 'InventoryItem',
  server_id: id,
  base_version: base,
  payload,
});

const pulled = async (id: string) =>
  InventoryItem.parse(
    (await worker.get(`/api/pharmacy-inventory/sync/?pharmacy_id=${OWN}`))
      .json<InventoryItem[]>()
      .find((row) => row.id === id),
  );

describe('reorder level', () => {
  it('round-trips: set on create, kept by an edit that omits it, changed, then cleared', async () => {
    const medicine = await newMedicine('Reorder round trip');
    const created = await upload([create(medicine, { reorder_level: 20 })]);
    const id = created.results[0]!.server_id!;
    expect(await pulled(id)).toMatchObject({ quantity_available: 30, reorder_level: 20 });

    await upload([update(id, 1, { quantity_available: 12 })]);
    expect(await pulled(id)).toMatchObject({ quantity_available: 12, reorder_level: 20 });
    await upload([update(id, 2, { quantity_available: 12, reorder_level: 5 })]);
    expect(await pulled(id)).toMatchObject({ reorder_level: 5, server_version: 3 });
    await upload([update(id, 3, { quantity_available: 12, reorder_level: null })]);
    expect(await pulled(id)).toMatchObject({ reorder_level: null, server_version: 4 });
  });

  it('refuses a bad level with an error naming the field, writing nothing', async () => {
    const medicine = await newMedicine('Reorder refused');
    const ok = await upload([create(medicine, { reorder_level: 8 })]);
    const id = ok.results[0]!.server_id!;
    const bad = [-1, 2.5, 'ten', 10_000_001];
    const receipt = await upload([
      ...bad.map((level) => create(randomUUID(), { reorder_level: level })),
      ...bad.map((level) => update(id, 1, { quantity_available: 1, reorder_level: level })),
    ]);
    for (const result of receipt.results) {
      expect(result.status).toBe('rejected');
      expect(Object.keys(result.errors ?? {})).toEqual(['payload.reorder_level']);
    }
    expect(await pulled(id)).toMatchObject({ quantity_available: 30, reorder_level: 8 });
    expect(await t.database.prisma.inventoryItem.count({ where: { medicineId: medicine } })).toBe(
      1,
    );
  });

  it('keeps the spec shapes: old clients omit it, rows without one answer null', async () => {
    const medicine = await newMedicine('Reorder old client');
    const receipt = await upload([create(medicine)]); // a payload of before the field existed
    const id = receipt.results[0]!.server_id!;
    await upload([update(id, 1, { quantity_available: 3 })]);
    expect(await pulled(id)).toMatchObject({ quantity_available: 3, reorder_level: null });
    // The spec's demo rows still parse, and a row stored by a client before the field existed too.
    const rows = (await worker.get('/api/pharmacy-inventory/sync/')).json<InventoryItem[]>();
    for (const row of rows) expect(InventoryItem.safeParse(row).success).toBe(true);
    const { reorder_level: _, ...oldRow } = rows[0]!;
    expect(InventoryItem.safeParse(oldRow).success).toBe(true);
  });
});
