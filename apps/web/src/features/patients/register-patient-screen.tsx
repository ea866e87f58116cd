'use client';

import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useT } from '../i18n/i18n-provider';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { PageTitle } from '../ui/page-title';
import { fieldErrorsOf } from '../ui/validation-errors';
import { PatientForm } from './patient-form';
import { EMPTY_PATIENT, toPatientInput } from './patient-fields';
import type { PatientFormValues } from './patient-fields';

export function RegisterPatientScreen() {
  const t = useT();
  const router = useRouter();
  const client = useSyncClient();
  const notifySaved = useSavedNotice();
  const save = useMutation({
    networkMode: 'always',
    mutationFn: async (values: PatientFormValues) => {
      if (!client) throw new Error('No local store');
      return client.patients.create(toPatientInput(values));
    },
    onSuccess: (patient) => {
      notifySaved();
      router.push(`/patients/view?id=${patient.id}`);
    },
  });

  return (
    <div>
      <PageTitle>{t('patients.register')}</PageTitle>
      <PatientForm
        initial={EMPTY_PATIENT}
        submitLabel={t('patients.save')}
        saving={save.isPending}
        errors={fieldErrorsOf(save.error)}
        onSubmit={(values) => save.mutate(values)}
      />
    </div>
  );
}
