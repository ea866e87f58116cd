import { HealthRecord } from '../health-record';
import { defineEntity } from './entity-contract';

export const HealthRecordEntity = defineEntity({
  name: 'HealthRecord',
  schema: HealthRecord,
  collection: 'records',
  readers: 'clinical',
  uploadable: true,
  fhirCatchAll: true,
  sync: {
    path: '/api/records/sync/',
    summary: 'Health records changed since last_sync_timestamp',
  },
});
