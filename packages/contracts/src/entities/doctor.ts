import { Doctor } from '../doctor';
import { defineEntity } from './entity-contract';

export const DoctorEntity = defineEntity({
  name: 'Doctor',
  schema: Doctor,
  collection: 'doctors',
  readers: 'clinical',
  uploadable: false,
  sync: { path: '/api/doctors/sync/', summary: 'Doctors changed since last_sync_timestamp' },
});
