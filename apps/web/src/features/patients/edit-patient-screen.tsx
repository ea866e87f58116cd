'use client';

import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useT } from '../i18n/i18n-provider';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { Loading, NotFound } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { useQueryParam } from '../ui/use-query-param';
import { fieldErrorsOf } from '../ui/validation-errors';
import { PatientForm } from './patient-form';
import { changedPatientFields, formValuesOf } from './patient-fields';
import type { PatientFormValues } from './patient-fields';
import { usePatient } from './use-patient';

export function EditPatientScreen() {
  const t = useT();
  const id = useQueryParam('id');
  const router = useRouter();
  const client = useSyncClient();
  const notifySaved = useSavedNotice();
  const { data: patient, isPending } = usePatient(id);
  const save = useMutation({
    networkMode: 'always',
    mutationFn: async ({
      values,
      initial,
    }: {
      values: PatientFormValues;
      initial: PatientFormValues;
    }) => {
      if (!client || !patient) throw new Error('No patient');
      const changes = changedPatientFields(initial, values);
      if (Object.keys(changes).length > 0) await client.patients.update(patient.id, changes);
      return Object.keys(changes).length > 0;
    },
    onSuccess: (changed) => {
      if (changed) notifySaved();
      router.push(`/patients/view?id=${id ?? ''}`);
    },
  });

  if (isPending) return <Loading />;
  if (!patient) return <NotFound />;
  return (
    <div>
      <PageTitle>{t('patients.edit')}</PageTitle>
      <PatientForm
        key={patient.id}
        initial={formValuesOf(patient)}
        submitLabel={t('patients.saveChanges')}
        saving={save.isPending}
        errors={fieldErrorsOf(save.error)}
        onSubmit={(values, initial) => save.mutate({ values, initial })}
      />
    </div>
  );
}
