import { entityContractNamed, AppointmentInput } from '@healthsync/contracts';
import {
  createAppointment,
  deleteAppointment,
  updateAppointment,
} from '../../appointments/appointment-services';
import { parsePayload, withoutServerFields } from '../upload/parse-payload';
import { dateText, syncFields } from '../wire-sql';
import type { EntityWrites, ServerEntity } from './server-entity';

const AppointmentPatch = AppointmentInput.omit({ id: true }).partial();

const writes: EntityWrites = {
  create: (tx, ctx, payload) =>
    createAppointment(tx, ctx, parsePayload(AppointmentInput, withoutServerFields(payload))),
  validateUpdate: (payload) => parsePayload(AppointmentPatch, withoutServerFields(payload)),
  update: (tx, ctx, id, validated) =>
    updateAppointment(tx, ctx, id, validated as typeof AppointmentPatch._output),
  remove: (tx, ctx, id) => deleteAppointment(tx, ctx, id),
};

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
    't.facility_id',
  ],
  resourceTypeOf: () => 'Appointment',
  writes: () => writes,
};
