'use client';

import type { Appointment, AppointmentStatus } from '@healthsync/contracts';
import type { LocalRecord, SyncClient } from '@healthsync/sync-client';
import { useLocalQuery } from '../sync/local-query';
import { todayRange } from './appointment-status';

/** An appointment with the names a list shows (joined from the local store). */
export interface AppointmentRow {
  appointment: LocalRecord<Appointment>;
  patientName: string | null;
  doctorName: string | null;
}

async function withNames(
  client: SyncClient,
  list: LocalRecord<Appointment>[],
): Promise<AppointmentRow[]> {
  const rows = await Promise.all(
    list.map(async (appointment) => ({
      appointment,
      patientName: (await client.patients.get(appointment.patient_id))?.name ?? null,
      doctorName: appointment.doctor_id
        ? ((await client.doctors.get(appointment.doctor_id))?.name ?? null)
        : null,
    })),
  );
  return rows.sort((a, b) =>
    a.appointment.appointment_date.localeCompare(b.appointment.appointment_date),
  );
}

export type AppointmentFilter = 'today' | AppointmentStatus;

export function useAppointments(filter: AppointmentFilter) {
  return useLocalQuery('appointments', ['list', filter], async (client) => {
    if (filter === 'today') {
      const { from, to } = todayRange();
      return withNames(client, await client.appointments.between(from, to));
    }
    return withNames(client, await client.appointments.byStatus(filter));
  });
}

export function usePatientAppointments(patientId: string) {
  return useLocalQuery('appointments', ['patient', patientId], async (client) =>
    (await withNames(client, await client.appointments.byPatient(patientId))).reverse(),
  );
}

export function useAppointment(id: string | null) {
  return useLocalQuery('appointments', ['one', id], async (client) => {
    const appointment = id ? await client.appointments.get(id) : undefined;
    if (!appointment) return null;
    const [row] = await withNames(client, [appointment]);
    return row ?? null;
  });
}

export function useDoctors() {
  return useLocalQuery('doctors', ['all'], async (client) =>
    (await client.doctors.list()).sort((a, b) => a.name.localeCompare(b.name)),
  );
}
