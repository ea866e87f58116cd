'use client';

import Link from 'next/link';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { SyncBadge } from '../ui/sync-badge';
import { StatusBadge } from './status-badge';
import type { AppointmentRow } from './use-appointments';

export function AppointmentList({
  rows,
  showPatient = true,
}: {
  rows: AppointmentRow[];
  showPatient?: boolean;
}) {
  const { t, locale } = useI18n();
  if (rows.length === 0)
    return <p className="text-base text-slate-700">{t('appointments.none')}</p>;
  return (
    <ul className="flex flex-col gap-2">
      {rows.map(({ appointment, patientName, doctorName }) => (
        <li key={appointment.id}>
          <Link
            href={`/appointments/view?id=${appointment.id}`}
            className="flex min-h-16 flex-col gap-1 rounded-lg border border-slate-200 bg-white px-3 py-2 hover:bg-brand-50"
          >
            <span className="flex flex-wrap items-center justify-between gap-2">
              <span className="text-base font-semibold text-slate-900">
                {showPatient
                  ? (patientName ?? t('appointments.unknownPatient'))
                  : formatDateTime(locale, appointment.appointment_date)}
              </span>
              <span className="flex gap-1">
                <SyncBadge sync={appointment._sync} />
                <StatusBadge status={appointment.status} />
              </span>
            </span>
            <span className="text-sm text-slate-700">
              {[
                showPatient ? formatDateTime(locale, appointment.appointment_date) : null,
                doctorName,
                appointment.symptoms,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
