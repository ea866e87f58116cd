import { AppointmentInput, AppointmentPatch, entityContractNamed } from '@healthsync/contracts';
import { createAppointment } from '../../appointments/create-appointment';
import { deleteAppointment } from '../../appointments/delete-appointment';
import { updateAppointment } from '../../appointments/update-appointment';
import { dateText, syncFields } from '../wire-sql';
import { payloadWrites } from './payload-writes';
import type { ServerEntity } from './server-entity';

const writes = payloadWrites({
  input: AppointmentInput,
  patch: AppointmentPatch,
  create: createAppointment,
  update: updateAppointment,
  remove: deleteAppointment,
});

export const appointmentEntity: ServerEntity = {
  contract: entityContractNamed('Appointment'),
  table: 'appointment',
  scope: 'facility',
  wireColumns: [
    ...syncFields(),
    't.patient_id',
    't.doctor_id',
    `${dateText('t.appointment_date')} AS appointment_date`,
    't.status',
    't.symptoms',
    't.diagnosis',
    't.prescription',
    `to_char(t.follow_up_date, 'YYYY-MM-DD') AS follow_up_date`,
    't.facility_id',
  ],
  resourceTypeOf: () => 'Appointment',
  writes: () => writes,
};
