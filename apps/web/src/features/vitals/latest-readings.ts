import type { HealthRecord } from '@healthsync/contracts';
import { observationTime } from '@healthsync/sync-client';
import { readObservation } from './read-observation';
import type { VitalReading } from './read-observation';

export interface TakenReading<R extends HealthRecord = HealthRecord> {
  record: R;
  reading: VitalReading;
  /** When it was taken (ms): the store's `observationTime`, the rule its `observationHeads` keeps. */
  at: number;
}

/**
 * The latest reading of each group `groupOf` puts a record's reading in (null: left out). On a
 * tie the first in `records`' order stays.
 */
export function latestReadings<R extends HealthRecord>(
  records: Iterable<R>,
  groupOf: (record: R, reading: VitalReading, at: number) => string | null,
): Map<string, TakenReading<R>> {
  const latest = new Map<string, TakenReading<R>>();
  for (const record of records) {
    if (record.resource_type !== 'Observation') continue;
    const reading = readObservation(record.data);
    if (!reading) continue;
    const at = observationTime(record);
    const group = groupOf(record, reading, at);
    if (group === null) continue;
    const seen = latest.get(group);
    if (!seen || at > seen.at) latest.set(group, { record, reading, at });
  }
  return latest;
}
