import { describe, expect, it } from 'vitest';
import type { HealthRecord } from '@healthsync/contracts';
import type { SyncClient } from '../client';
import { forgetSyncedData } from '../store/local-scope';
import { MIGRATIONS } from '../store/migrations';
import { openIdbStore } from '../store/idb-store';
import type { SyncStore } from '../store/sync-store';
import { harness } from '../test/client-harness';
import { FakeServer } from '../test/fake-server';
import { STORE_KINDS, uniqueName } from '../test/stores';
import { headsOf } from './observation-heads';
import type { LocalRow } from './local-row';

const P1 = '0190c0c0-0000-7000-8000-000000000001';
const P2 = '0190c0c0-0000-7000-8000-000000000002';
const PULSE = '8867-4';
const TEMPERATURE = '8310-5';

const observation = (code: string, value: number, at: string) => ({
  resourceType: 'Observation',
  code: { coding: [{ system: 'http://loinc.org', code }] },
  valueQuantity: { value },
  effectiveDateTime: at,
});

const reading = (client: SyncClient, patient: string, code: string, value: number, at: string) =>
  client.records.create({
    patient,
    resource_type: 'Observation',
    data: observation(code, value, at),
  });

/** What the index gives, as [patient, code, value], sorted. */
async function latest(client: SyncClient): Promise<[string, string, number][]> {
  const rows = await client.records.latestObservations();
  return rows
    .map((r): [string, string, number] => {
      const data = r.data as ReturnType<typeof observation>;
      return [r.patient, data.code.coding[0]!.code, data.valueQuantity.value];
    })
    .sort();
}

/** The index agrees with a scan of every stored record. */
async function expectConsistent(client: SyncClient, store: SyncStore): Promise<void> {
  const all = (await store.read((tx) => tx.getAll('records'))) as LocalRow<HealthRecord>[];
  const fromIndex = (await client.records.latestObservations()).map((r) => r.id).sort();
  const scanned = [...headsOf(all).values()].flatMap((h) => Object.values(h.groups));
  expect(fromIndex).toEqual(scanned.flatMap((group) => group.ids).sort());
}

describe.each(STORE_KINDS)('latest Observations index ($name)', (kind) => {
  it("gives each patient's newest reading per code; a newer one replaces an older one", async () => {
    const { client, store } = await harness(await kind.open(uniqueName()), new FakeServer());
    expect(await latest(client)).toEqual([]); // builds the (empty) index: kept from here on
    await reading(client, P1, PULSE, 130, '2026-03-01T08:00:00Z');
    await reading(client, P1, TEMPERATURE, 39.5, '2026-03-01T08:00:00Z');
    await reading(client, P2, PULSE, 72, '2026-03-02T08:00:00Z');
    await client.records.create({ patient: P1, resource_type: 'Condition', data: { code: 'x' } });
    // Taken earlier, entered later: it does not replace the newer reading.
    await reading(client, P1, PULSE, 50, '2026-02-01T08:00:00Z');
    expect(await latest(client)).toEqual([
      [P1, TEMPERATURE, 39.5],
      [P1, PULSE, 130],
      [P2, PULSE, 72],
    ]);
    const normal = await reading(client, P1, PULSE, 80, '2026-03-05T08:00:00Z');
    expect(await latest(client)).toEqual([
      [P1, TEMPERATURE, 39.5],
      [P1, PULSE, 80],
      [P2, PULSE, 72],
    ]);
    await expectConsistent(client, store);

    // Deleting the newest brings the one before back; an edit of its time moves it.
    await client.records.remove(normal.id);
    expect(await latest(client)).toContainEqual([P1, PULSE, 130]);
    const older = (await client.records.byPatient(P1)).find(
      (r) => (r.data as ReturnType<typeof observation>).valueQuantity?.value === 50,
    )!;
    await client.records.update(older.id, { effectiveDateTime: '2026-04-01T08:00:00Z' });
    expect(await latest(client)).toContainEqual([P1, PULSE, 50]);
    expect(await latest(client)).not.toContainEqual([P1, PULSE, 130]);
    await expectConsistent(client, store);
  });

  it('keeps every reading of a tie (a reader decides between them)', async () => {
    const { client } = await harness(await kind.open(uniqueName()), new FakeServer());
    await client.records.latestObservations();
    await reading(client, P1, PULSE, 140, '2026-03-01T08:00:00Z');
    await reading(client, P1, PULSE, 70, '2026-03-01T08:00:00.000Z');
    await reading(client, P1, PULSE, 60, '2026-02-01T08:00:00Z');
    expect(await latest(client)).toEqual([
      [P1, PULSE, 140],
      [P1, PULSE, 70],
    ]);
  });

  it('shows the current data of the newest reading (a doctor review edit)', async () => {
    const { client } = await harness(await kind.open(uniqueName()), new FakeServer());
    await client.records.latestObservations();
    const high = await reading(client, P1, PULSE, 140, '2026-03-01T08:00:00Z');
    await client.records.update(high.id, { extension: [{ url: 'review' }] });
    const [row] = await client.records.latestObservations();
    expect(row).toMatchObject({ id: high.id, data: { extension: [{ url: 'review' }] } });
  });

  it("honours other devices' edits and deletes pulled from the server", async () => {
    const server = new FakeServer();
    const first = server.seed('Observation', {
      patient: P1,
      data: observation(PULSE, 140, '2026-03-01T08:00:00Z'),
    });
    const second = server.seed('Observation', {
      patient: P1,
      data: observation(PULSE, 75, '2026-03-02T08:00:00Z'),
    });
    const { client, store } = await harness(await kind.open(uniqueName()), server);
    await client.records.latestObservations();
    await client.syncNow();
    expect(await latest(client)).toEqual([[P1, PULSE, 75]]);

    server.edit(second, { data: observation(PULSE, 75, '2026-02-01T08:00:00Z') });
    await client.syncNow();
    expect(await latest(client)).toEqual([[P1, PULSE, 140]]);

    server.remove(first);
    await client.syncNow();
    expect(await latest(client)).toEqual([[P1, PULSE, 75]]);
    await expectConsistent(client, store);

    // A resync keeps only unsent work, marked afresh: an older reading is then the newest.
    const mine = await reading(client, P1, PULSE, 30, '2026-01-01T08:00:00Z');
    await forgetSyncedData(store);
    expect((await client.records.latestObservations()).map((r) => r.id)).toEqual([mine.id]);
  });

  it('upgrades a version 3 store: its records are indexed at the first read', async () => {
    const name = uniqueName();
    const v3 = await harness(await kind.open(name, MIGRATIONS.slice(0, 3)), new FakeServer());
    await reading(v3.client, P1, PULSE, 130, '2026-03-01T08:00:00Z');
    await reading(v3.client, P1, PULSE, 70, '2026-02-01T08:00:00Z');
    await reading(v3.client, P2, TEMPERATURE, 36.8, '2026-03-01T08:00:00Z');
    await v3.client.close();

    const { client, store } = await harness(await kind.open(name), new FakeServer());
    expect(await latest(client)).toEqual([
      [P1, PULSE, 130],
      [P2, TEMPERATURE, 36.8],
    ]);
    expect(await store.read((tx) => tx.getMeta('observationHeads'))).toBe(true);
    // Kept from now on without another full pass.
    await reading(client, P1, PULSE, 90, '2026-03-09T08:00:00Z');
    expect(await latest(client)).toContainEqual([P1, PULSE, 90]);
    await expectConsistent(client, store);
    await client.close();
  });

  it.runIf(kind.name === 'sealed indexeddb')(
    'stores only the patient id in the clear: no code, time or record id',
    async () => {
      const name = uniqueName();
      const { client } = await harness(await kind.open(name), new FakeServer());
      await client.records.latestObservations();
      const made = await reading(client, P1, PULSE, 131, '2026-03-01T08:00:00Z');
      await client.close();
      const inner = await openIdbStore({ name });
      const stored = await inner.read((tx) => tx.getAll('observationHeads'));
      expect(stored).toHaveLength(1);
      const { sealed, ...clear } = stored[0] as unknown as { sealed: Uint8Array };
      expect(sealed).toBeInstanceOf(Uint8Array);
      expect(clear).toEqual({ patient: P1 });
      const record = (await inner.read((tx) => tx.get('records', made.id))) as unknown as object;
      expect(JSON.stringify({ ...record, sealed: null })).not.toMatch(/8867|131|2026-03/);
      await inner.close();
    },
  );
});
