'use client';

import { useMutation } from '@tanstack/react-query';
import type { Appointment, HealthRecord } from '@healthsync/contracts';
import type { LocalRecord, SyncClient } from '@healthsync/sync-client';
import { useAppointments } from '../appointments/use-appointments';
import { useLocalQuery } from '../sync/local-query';
import { reviewedExtensions } from './mark-reviewed';
import { useSyncClient } from '../sync/sync-client-provider';
import { localDay } from '../i18n/format';
import { selectAbnormalVitals, selectOverdueFollowUps } from './select-work';
import type { AbnormalVitals } from './select-work';

const patientName = async (client: SyncClient, id: string) =>
  (await client.patients.get(id))?.name ?? null;

/**
 * Past-due follow-ups: the follow-up index gives the visits due before today, then each of their
 * patients' visits (patient index) says whether a later visit happened. Cost: the visits with a
 * past follow-up date plus those patients' visits, decrypted; never the whole visit table.
 */
export function useOverdueFollowUps() {
  const today = localDay(new Date());
  return useLocalQuery('appointments', ['overdue', today], async (client) => {
    const due = await client.appointments.followUpsDueBefore(today);
    const patients = [...new Set(due.map((visit) => visit.patient_id))];
    const visits = new Map<string, LocalRecord<Appointment>[]>(
      await Promise.all(
        patients.map(async (id) => [id, await client.appointments.byPatient(id)] as const),
      ),
    );
    const overdue = selectOverdueFollowUps(due, (id) => visits.get(id) ?? []);
    return Promise.all(
      overdue.map(async (visit) => ({
        visit,
        patientName: await patientName(client, visit.patient_id),
      })),
    );
  });
}

/**
 * Patients whose latest vitals are out of normal and not reviewed by a doctor. Cost, once per
 * change of the records table: each patient's newest Observation per code (the store's
 * `observationHeads`, a few per patient however many readings are stored), read and decrypted.
 */
export function useAbnormalVitals() {
  return useLocalQuery('records', ['abnormal'], async (client) => {
    const items = selectAbnormalVitals(await client.records.latestObservations());
    return Promise.all(
      items.map(async (item): Promise<AbnormalVitals & { patientName: string | null }> => ({
        ...item,
        patientName: await patientName(client, item.patientId),
      })),
    );
  });
}

/** The three lists of the work list and their total (the navigation's count). */
export function useWorkList() {
  const today = useAppointments('today');
  const overdue = useOverdueFollowUps();
  const abnormal = useAbnormalVitals();
  const total =
    (today.data?.length ?? 0) + (overdue.data?.length ?? 0) + (abnormal.data?.length ?? 0);
  return { today, overdue, abnormal, total };
}

/** A doctor marks readings reviewed: a record edit each, synced and audited like any other. */
export function useMarkReviewed(doctorId: string | null) {
  const client = useSyncClient();
  return useMutation({
    networkMode: 'always',
    mutationFn: async (records: HealthRecord[]) => {
      if (!client || !doctorId) throw new Error('Only a doctor reviews readings');
      const at = new Date();
      for (const record of records)
        await client.records.update(record.id, reviewedExtensions(record.data, doctorId, at));
    },
  });
}
