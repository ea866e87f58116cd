import type { HealthRecord } from '@healthsync/contracts';
import type { LocalRecord } from '@healthsync/sync-client';
import { localDay } from '../i18n/format';
import { latestReadings } from '../vitals/latest-readings';
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
  const latest = latestReadings(records, (_record, reading, at) =>
    localDay(new Date(at)) === day ? (reading.kind ?? reading.label) : null,
  );
  return [...latest.values()]
    .sort((a, b) => order(a.reading) - order(b.reading) || a.at - b.at)
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
