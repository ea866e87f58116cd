import { Patient } from '../patient';
import { defineEntity } from './entity-contract';

export const PatientEntity = defineEntity({
  name: 'Patient',
  schema: Patient,
  collection: 'patients',
  readers: 'clinical',
  uploadable: true,
  sync: { path: '/api/patients/sync/', summary: 'Patients changed since last_sync_timestamp' },
});
