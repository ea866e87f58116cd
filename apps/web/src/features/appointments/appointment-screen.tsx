'use client';

import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { useCurrentUser } from '../session/session-provider';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { LinkButton } from '../ui/link-button';
import { Loading, NotFound } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { SyncBadge } from '../ui/sync-badge';
import { useQueryParam } from '../ui/use-query-param';
import { fieldErrorsOf } from '../ui/validation-errors';
import { StatusBadge } from './status-badge';
import { useAppointment } from './use-appointments';
import { VisitForm } from './visit-form';
import { changedVisitFields, visitValuesOf } from './visit-fields';
import type { VisitValues } from './visit-fields';

export function AppointmentScreen() {
  const { t, locale } = useI18n();
  const id = useQueryParam('id');
  const user = useCurrentUser();
  const client = useSyncClient();
  const notifySaved = useSavedNotice();
  const { data: row, isPending } = useAppointment(id);
  const save = useMutation({
    networkMode: 'always',
    mutationFn: async ({ values, opened }: { values: VisitValues; opened: VisitValues }) => {
      if (!client || !row) throw new Error('No appointment');
      const changes = changedVisitFields(opened, values);
      if (Object.keys(changes).length === 0) return false;
      await client.appointments.update(row.appointment.id, changes);
      return true;
    },
    onSuccess: (changed) => {
      if (changed) notifySaved();
    },
  });

  if (isPending) return <Loading />;
  if (!row) return <NotFound />;
  const { appointment, patientName, doctorName } = row;
  const clinician = user.role === 'doctor' || user.role === 'admin';
  return (
    <div className="flex flex-col gap-4">
      <PageTitle
        actions={
          <LinkButton href={`/appointments/print?id=${appointment.id}`}>
            {t('summary.open')}
          </LinkButton>
        }
      >
        {t('appointments.visit')}
      </PageTitle>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
        <dt className="text-slate-700">{t('appointments.patient')}</dt>
        <dd>
          <Link
            href={`/patients/view?id=${appointment.patient_id}`}
            className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline underline-offset-4"
          >
            {patientName ?? t('appointments.unknownPatient')}
          </Link>
        </dd>
        <dt className="text-slate-700">{t('appointments.when')}</dt>
        <dd>{formatDateTime(locale, appointment.appointment_date)}</dd>
        <dt className="text-slate-700">{t('appointments.doctor')}</dt>
        <dd>{doctorName ?? t('appointments.anyDoctor')}</dd>
        <dt className="text-slate-700">{t('appointments.status')}</dt>
        <dd className="flex flex-wrap gap-1">
          <StatusBadge status={appointment.status} />
          <SyncBadge sync={appointment._sync} />
        </dd>
      </dl>
      {appointment._sync.conflictId ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-base text-red-900">
          {t('appointments.inConflict')}{' '}
          <Link href="/conflicts" className="font-semibold underline underline-offset-4">
            {t('nav.conflicts')}
          </Link>
        </p>
      ) : null}
      <VisitForm
        key={`${appointment.id}:${appointment._sync.conflictId ?? ''}`}
        initial={visitValuesOf(appointment)}
        clinician={clinician}
        saving={save.isPending}
        errors={fieldErrorsOf(save.error)}
        onSubmit={(values, opened) => save.mutateAsync({ values, opened })}
      />
    </div>
  );
}
