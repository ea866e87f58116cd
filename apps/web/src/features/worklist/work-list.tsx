'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { formatDay } from '../i18n/format';
import { AppointmentList } from '../appointments/appointment-list';
import { flagText, formatReading } from '../vitals/format-reading';
import { useTemperatureUnit } from '../vitals/use-temperature-unit';
import { flagReading } from '../vitals/vital-flags';
import { cardClass } from '../ui/styles';
import { Button } from '../ui/button';
import { useCurrentUser } from '../session/session-provider';
import { useMarkReviewed } from './use-worklist';
import { useWorkList } from './use-worklist';

const itemClass =
  'flex min-h-12 flex-col justify-center gap-1 rounded-lg border border-slate-200 bg-white px-3 py-2 hover:bg-brand-50';

function Section({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={`${cardClass} flex flex-col gap-3`}>
      <h3 id={id} className="text-lg font-semibold">
        {title} <span className="text-slate-700">({count})</span>
      </h3>
      {children}
    </section>
  );
}

/** Today's work for a health worker or a doctor, from the phone's store alone. */
export function WorkList() {
  const { t, locale } = useI18n();
  const [temperatureUnit] = useTemperatureUnit();
  const { today, overdue, abnormal } = useWorkList();
  const user = useCurrentUser();
  const doctorId = user.role === 'doctor' ? user.doctor_id : null;
  const review = useMarkReviewed(doctorId);
  const none = (key: Parameters<typeof t>[0]) => (
    <p className="text-base text-slate-700">{t(key)}</p>
  );
  return (
    <section aria-labelledby="work-title" className="flex flex-col gap-4" data-testid="work-list">
      <h2 id="work-title" className="text-2xl font-bold tracking-tight text-brand-800">
        {t('worklist.title')}
      </h2>
      <Section id="work-today" title={t('worklist.today')} count={today.data?.length ?? 0}>
        {today.data && today.data.length > 0 ? (
          <AppointmentList rows={today.data} />
        ) : (
          none('worklist.todayNone')
        )}
      </Section>
      <Section id="work-overdue" title={t('worklist.overdue')} count={overdue.data?.length ?? 0}>
        {overdue.data && overdue.data.length > 0 ? (
          <ul className="flex flex-col gap-2">
            {overdue.data.map(({ visit, patientName }) => (
              <li key={visit.id}>
                <Link href={`/patients/view?id=${visit.patient_id}`} className={itemClass}>
                  <span className="text-base font-semibold text-slate-900">
                    {patientName ?? t('appointments.unknownPatient')}
                  </span>
                  <span className="text-sm text-slate-700">
                    {t('worklist.dueOn', { date: formatDay(locale, visit.follow_up_date ?? '') })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          none('worklist.overdueNone')
        )}
      </Section>
      <Section id="work-abnormal" title={t('worklist.abnormal')} count={abnormal.data?.length ?? 0}>
        {abnormal.data && abnormal.data.length > 0 ? (
          <ul className="flex flex-col gap-2">
            {abnormal.data.map(({ patientId, patientName, readings }) => (
              <li key={patientId}>
                <Link href={`/patients/view?id=${patientId}`} className={itemClass}>
                  <span className="text-base font-semibold text-slate-900">
                    {patientName ?? t('appointments.unknownPatient')}
                  </span>
                  {readings.map(({ record, reading }) => (
                    <span key={record.id} className="text-sm text-slate-800">
                      {formatReading(reading, t, temperatureUnit)} ·{' '}
                      <strong>⚠ {flagText(flagReading(reading), t)}</strong>
                    </span>
                  ))}
                </Link>
                {doctorId ? (
                  <Button
                    variant="secondary"
                    className="mt-1 w-full"
                    disabled={review.isPending}
                    aria-label={`${t('worklist.review')}: ${patientName ?? t('appointments.unknownPatient')}`}
                    onClick={() => review.mutate(readings.map(({ record }) => record))}
                  >
                    {t('worklist.review')}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          none('worklist.abnormalNone')
        )}
      </Section>
    </section>
  );
}
