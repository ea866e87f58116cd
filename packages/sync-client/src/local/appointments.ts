import {
  AppointmentInput,
  Uuid,
  appointmentEditableFields,
  formatDate,
} from '@healthsync/contracts';
import type { Appointment, AppointmentStatus } from '@healthsync/contracts';
import { z } from 'zod';
import { newId } from '../ids';
import { canonicalTimestamp } from './entities';
import { parseOrThrow } from './errors';
import { newRowColumns, queryIndex, readCollection, writeEdit } from './collection';
import type { CollectionContext, ReadCollection } from './collection';
import type { LocalRecord } from './local-row';

/** What an appointment edit may change (the upload's Appointment update payload). */
export const AppointmentChangesSchema = z.strictObject({
  ...appointmentEditableFields,
  doctor_id: Uuid.nullable().optional(),
});

export type AppointmentCreate = Omit<z.input<typeof AppointmentInput>, 'id'>;
export type AppointmentChanges = z.input<typeof AppointmentChangesSchema>;

export interface AppointmentsCollection extends ReadCollection<Appointment> {
  create(fields: AppointmentCreate): Promise<LocalRecord<Appointment>>;
  update(id: string, changes: AppointmentChanges): Promise<LocalRecord<Appointment>>;
  remove(id: string): Promise<void>;
  byPatient(patientId: string): Promise<LocalRecord<Appointment>[]>;
  byStatus(status: AppointmentStatus): Promise<LocalRecord<Appointment>[]>;
  /** Appointments with `from <= appointment_date < to` (ISO timestamps with a zone), by date. */
  between(from: string, to: string): Promise<LocalRecord<Appointment>[]>;
  /** Visits whose follow-up date is before `day` (YYYY-MM-DD), from the follow-up index. */
  followUpsDueBefore(day: string): Promise<LocalRecord<Appointment>[]>;
}

export function appointmentsCollection(ctx: CollectionContext): AppointmentsCollection {
  return {
    ...readCollection(ctx, 'appointments'),
    async create(fields) {
      const id = newId();
      const input = parseOrThrow(AppointmentInput, { ...fields, id });
      const { facilityId } = ctx.identity();
      const snapshot: Appointment = {
        ...newRowColumns(id, ctx.now(), formatDate),
        patient_id: input.patient_id,
        doctor_id: input.doctor_id ?? null,
        appointment_date: input.appointment_date,
        status: input.status ?? 'PENDING',
        symptoms: input.symptoms ?? null,
        diagnosis: input.diagnosis ?? null,
        prescription: input.prescription ?? null,
        follow_up_date: input.follow_up_date ?? null,
        facility_id: facilityId ?? '',
      };
      const row = await writeEdit(ctx, 'appointments', id, 'create', () => ({
        resourceType: 'Appointment',
        payload: input,
        snapshot,
      }));
      return row as LocalRecord<Appointment>;
    },
    async update(id, changes) {
      const payload = parseOrThrow(AppointmentChangesSchema, changes);
      const row = await writeEdit(ctx, 'appointments', id, 'update', () => ({
        resourceType: 'Appointment',
        payload,
      }));
      return row as LocalRecord<Appointment>;
    },
    async remove(id) {
      await writeEdit(ctx, 'appointments', id, 'delete', () => ({
        resourceType: 'Appointment',
        payload: {},
      }));
    },
    byPatient: (patientId) => queryIndex(ctx, 'appointments', 'patient', { equals: patientId }),
    byStatus: (status) => queryIndex(ctx, 'appointments', 'status', { equals: status }),
    between: (from, to) =>
      queryIndex(ctx, 'appointments', 'date', {
        from: canonicalTimestamp(from),
        to: canonicalTimestamp(to),
      }),
    followUpsDueBefore: (day) =>
      queryIndex(ctx, 'appointments', 'followUp', { from: '0000-01-01', to: day }),
  };
}
