'use client';

import { useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation } from '@tanstack/react-query';
import { useT } from '../i18n/i18n-provider';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { Button } from '../ui/button';

/** Deletes a patient on this device (synced like any edit), after the person confirms. */
export function DeletePatientButton({ patientId, name }: { patientId: string; name: string }) {
  const id = useId();
  const t = useT();
  const client = useSyncClient();
  const router = useRouter();
  const notifySaved = useSavedNotice();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    networkMode: 'always',
    mutationFn: () => {
      if (!client) throw new Error('No local store');
      return client.patients.remove(patientId);
    },
    onSuccess: () => {
      notifySaved();
      router.push('/patients');
    },
  });

  if (!confirming) {
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)} className="self-start">
        {t('patients.delete')}
      </Button>
    );
  }
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className="flex flex-col gap-3 rounded-xl border border-red-300 bg-red-50 p-4"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold text-red-950">
        {t('patients.deleteTitle', { name })}
      </h2>
      <p id={`${id}-body`} className="text-base text-red-950">
        {t('patients.deleteBody')}
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
          {t('patients.deleteConfirm')}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}
