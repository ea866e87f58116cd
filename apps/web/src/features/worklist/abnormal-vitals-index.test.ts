import { describe, expect, it } from 'vitest';
import { doctorReviewExtension } from '@healthsync/contracts';
import {
  ManualClock,
  createSyncClient,
  manualSignals,
  memoryTokenStore,
  openMemoryStore,
} from '@healthsync/sync-client';
import type { SyncClient } from '@healthsync/sync-client';
import { bloodPressureObservation, quantityObservation } from '../vitals/build-observation';
import { QUANTITY_VITALS } from '../vitals/vital-signs';
import { selectAbnormalVitals } from './select-work';

const vital = (kind: string) => QUANTITY_VITALS.find((v) => v.kind === kind)!;

/** mulberry32: the same "random" readings every run. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function offlineClient(clock: ManualClock): Promise<SyncClient> {
  return createSyncClient({
    store: await openMemoryStore(),
    baseUrl: 'http://offline.invalid',
    tokens: memoryTokenStore(),
    fetch: () => Promise.reject(new Error('offline')),
    clock,
    signals: manualSignals(),
  });
}

const summary = (items: ReturnType<typeof selectAbnormalVitals>) =>
  items
    .map(
      (item) =>
        `${item.patientId}:${item.readings
          .map((r) => r.record.id)
          .sort()
          .join(',')}`,
    )
    .sort();

describe("the work list's abnormal vitals from the store's newest Observations", () => {
  it('are the same as from every stored Observation, through edits, reviews and deletes', async () => {
    const random = seeded(19);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const clock = new ManualClock(Date.parse('2026-12-01T00:00:00Z'));
    const client = await offlineClient(clock);
    await client.records.latestObservations(); // the heads are kept from here on
    const patients = Array.from(
      { length: 12 },
      (_, i) => `0190d000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    );
    // Few distinct times, so ties happen; SpO2 under its second LOINC code too (the same vital).
    const at = () => new Date(Date.parse('2026-11-01T08:00:00Z') + pick([0, 1, 2, 3]) * 86_400_000);
    const make = (patient: string) => {
      const which = pick(['pulse', 'temperature', 'spo2', 'spo2-arterial', 'bp', 'untimed']);
      if (which === 'bp')
        return bloodPressureObservation(pick([120, 165]), pick([80, 105]), patient, at());
      if (which === 'spo2-arterial') {
        const data = quantityObservation(vital('spo2'), pick([88, 97]), patient, at());
        return { ...data, code: { coding: [{ system: 'http://loinc.org', code: '2708-6' }] } };
      }
      if (which === 'untimed') {
        const data: Record<string, unknown> = quantityObservation(
          vital('pulse'),
          130,
          patient,
          at(),
        );
        delete data.effectiveDateTime; // then the record's created_at says when
        return data;
      }
      const kind = vital(which);
      return quantityObservation(
        kind,
        pick(which === 'pulse' ? [70, 130] : [36.8, 39.4]),
        patient,
        at(),
      );
    };

    const ids: string[] = [];
    for (let step = 0; step < 240; step++) {
      clock.time += 3_600_000;
      const action =
        ids.length < 20 ? 'create' : pick(['create', 'create', 'review', 'move', 'delete']);
      if (action === 'create') {
        const patient = pick(patients);
        ids.push(
          (
            await client.records.create({
              patient,
              resource_type: 'Observation',
              data: make(patient),
            })
          ).id,
        );
      } else {
        const id = pick(ids);
        if (!(await client.records.get(id))) continue;
        if (action === 'review')
          await client.records.update(id, {
            extension: [doctorReviewExtension({ doctorId: 'd1', at: '2026-12-06T09:00:00Z' })],
          });
        else if (action === 'move')
          await client.records.update(id, { effectiveDateTime: at().toISOString() });
        else await client.records.remove(id);
      }
      if (step % 20 === 19) {
        const everything = await client.records.byType('Observation');
        const latest = await client.records.latestObservations();
        expect(latest.length).toBeLessThan(everything.length);
        expect(summary(selectAbnormalVitals(latest))).toEqual(
          summary(selectAbnormalVitals(everything)),
        );
      }
    }
    expect(selectAbnormalVitals(await client.records.latestObservations()).length).toBeGreaterThan(
      0,
    );
    await client.close();
  });
});
