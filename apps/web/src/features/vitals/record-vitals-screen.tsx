'use client';

import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useT } from '../i18n/i18n-provider';
import { usePatient } from '../patients/use-patient';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { Loading, NotFound } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { useQueryParam } from '../ui/use-query-param';
import { bloodPressureObservation, quantityObservation } from './build-observation';
import type { VitalsEntry } from './parse-vitals';
import { VitalsForm } from './vitals-form';

export function RecordVitalsScreen() {
  const t = useT();
  const patientId = useQueryParam('id');
  const router = useRouter();
  const client = useSyncClient();
  const notifySaved = useSavedNotice();
  const { data: patient, isPending } = usePatient(patientId);
  const save = useMutation({
    networkMode: 'always',
    mutationFn: async (entries: VitalsEntry[]) => {
      if (!client || !patient) throw new Error('No patient');
      const now = new Date();
      for (const entry of entries) {
        const data =
          entry.kind === 'bloodPressure'
            ? bloodPressureObservation(entry.systolic, entry.diastolic, patient.id, now)
            : quantityObservation(entry.vital, entry.value, patient.id, now);
        await client.records.create({ patient: patient.id, resource_type: 'Observation', data });
      }
    },
    onSuccess: () => {
      notifySaved();
      router.push(`/patients/view?id=${patientId ?? ''}`);
    },
  });

  if (isPending) return <Loading />;
  if (!patient) return <NotFound />;
  return (
    <div>
      <PageTitle>{t('vitals.recordFor', { name: patient.name })}</PageTitle>
      <VitalsForm saving={save.isPending} onSubmit={(entries) => save.mutate(entries)} />
    </div>
  );
}
