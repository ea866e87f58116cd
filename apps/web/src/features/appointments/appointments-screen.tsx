'use client';

import { useState } from 'react';
import { useT } from '../i18n/i18n-provider';
import { useCurrentUser } from '../session/session-provider';
import { LinkButton } from '../ui/link-button';
import { Loading } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { AppointmentList } from './appointment-list';
import { APPOINTMENT_STATUSES } from './appointment-status';
import { useAppointments } from './use-appointments';
import type { AppointmentFilter } from './use-appointments';

const FILTERS: readonly AppointmentFilter[] = ['today', ...APPOINTMENT_STATUSES];

export function AppointmentsScreen() {
  const t = useT();
  const user = useCurrentUser();
  const [filter, setFilter] = useState<AppointmentFilter>('today');
  // A doctor linked to a Doctor record can narrow any view to their own patients.
  const myDoctorId = user.role === 'doctor' ? user.doctor_id : null;
  const [onlyMine, setOnlyMine] = useState(false);
  const { data: all, isPending } = useAppointments(filter);
  const rows =
    all && onlyMine && myDoctorId
      ? all.filter((row) => row.appointment.doctor_id === myDoctorId)
      : all;
  return (
    <div>
      <PageTitle
        actions={
          <LinkButton href="/appointments/new" variant="primary">
            {t('appointments.book')}
          </LinkButton>
        }
      >
        {t('appointments.title')}
      </PageTitle>
      <div role="group" aria-label={t('appointments.filter')} className="mb-4 flex flex-wrap gap-2">
        {FILTERS.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={filter === option}
            onClick={() => setFilter(option)}
            className={`min-h-11 rounded-full border px-3 text-base font-medium ${
              filter === option
                ? 'border-brand-700 bg-brand-700 text-white'
                : 'border-slate-400 bg-white text-slate-900 hover:bg-slate-100'
            }`}
          >
            {option === 'today' ? t('appointments.today') : t(`status.${option}`)}
          </button>
        ))}
      </div>
      {myDoctorId ? (
        <div className="mb-4">
          <button
            type="button"
            aria-pressed={onlyMine}
            onClick={() => setOnlyMine(!onlyMine)}
            data-testid="only-mine"
            className={`min-h-11 rounded-full border px-3 text-base font-medium ${
              onlyMine
                ? 'border-brand-700 bg-brand-700 text-white'
                : 'border-slate-400 bg-white text-slate-900 hover:bg-slate-100'
            }`}
          >
            {t('appointments.mine')}
          </button>
        </div>
      ) : null}
      {isPending || !rows ? <Loading /> : <AppointmentList rows={rows} />}
    </div>
  );
}
