import { Appointment } from '../appointment';
import { defineEntity } from './entity-contract';

export const AppointmentEntity = defineEntity({
  name: 'Appointment',
  schema: Appointment,
  collection: 'appointments',
  readers: 'clinical',
  uploadable: true,
  sync: {
    path: '/api/appointments/sync/',
    summary: 'Appointments changed since last_sync_timestamp',
  },
});
