import type { HealthRecord } from '@healthsync/contracts';
import type { LocalRecord } from '@healthsync/sync-client';
import { localDay } from '../i18n/format';
import { readObservation } from '../vitals/read-observation';
import type { VitalReading } from '../vitals/read-observation';
import type { VitalKind } from '../vitals/vital-signs';

/**
 * The readings a visit's summary shows: the patient's vital signs taken on the visit's day, the
 * latest of each kind (a re-measured blood pressure replaces the first one), in a fixed order.
 */
export function visitVitals(
  records: readonly LocalRecord<HealthRecord>[],
  visitAt: string,
): VitalReading[] {
  const day = localDay(new Date(visitAt));
  const latest = new Map<string, { reading: VitalReading; at: string }>();
  for (const record of records) {
    if (record.resource_type !== 'Observation') continue;
    const reading = readObservation(record.data);
    if (!reading) continue;
    const at = reading.effective ?? record.created_at;
    if (localDay(new Date(at)) !== day) continue;
    const key = reading.kind ?? reading.label;
    const seen = latest.get(key);
    if (!seen || seen.at < at) latest.set(key, { reading, at });
  }
  return [...latest.values()]
    .sort((a, b) => order(a.reading) - order(b.reading) || a.at.localeCompare(b.at))
    .map(({ reading }) => reading);
}

const KIND_ORDER: readonly VitalKind[] = [
  'bloodPressure',
  'pulse',
  'temperature',
  'spo2',
  'respiratoryRate',
  'weight',
  'height',
];
const order = (reading: VitalReading) => {
  const index = reading.kind ? KIND_ORDER.indexOf(reading.kind) : -1;
  return index === -1 ? KIND_ORDER.length : index;
};
