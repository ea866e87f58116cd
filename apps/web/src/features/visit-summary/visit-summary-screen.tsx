'use client';

import type { ReactNode } from 'react';
import { useAppointment } from '../appointments/use-appointments';
import type { AppointmentRow } from '../appointments/use-appointments';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime, formatDay } from '../i18n/format';
import { usePatient } from '../patients/use-patient';
import { usePatientRecords } from '../records/use-patient-records';
import { useCurrentUser } from '../session/session-provider';
import { Button } from '../ui/button';
import { LinkButton } from '../ui/link-button';
import { Loading, NotFound } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { SegmentedChoice } from '../ui/segmented-choice';
import { useQueryParam } from '../ui/use-query-param';
import { useUserChoice } from '../ui/use-user-choice';
import { flagText, formatReading } from '../vitals/format-reading';
import { useTemperatureUnit } from '../vitals/use-temperature-unit';
import { flagReading, isAbnormal } from '../vitals/vital-flags';
import { isPaper, PAPERS, SHEET_CLASS } from './paper';
import type { Paper } from './paper';
import { visitVitals } from './visit-vitals';

/**
 * A visit's summary for the patient to take home, printed through the browser's print dialog on
 * A4 or a thermal receipt printer. Everything comes from the local store: it prints offline.
 */
export function VisitSummaryScreen() {
  const { t } = useI18n();
  const id = useQueryParam('id');
  const { data: row, isPending } = useAppointment(id);
  const [paper, setPaper] = useUserChoice('printPaper', isPaper, 'a4');
  if (isPending) return <Loading />;
  if (!row) return <NotFound />;
  return (
    <div className="flex flex-col gap-4">
      <div className="print:hidden">
        <PageTitle
          actions={
            <LinkButton href={`/appointments/view?id=${row.appointment.id}`}>
              {t('summary.back')}
            </LinkButton>
          }
        >
          {t('summary.title')}
        </PageTitle>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <SegmentedChoice
            legend={t('summary.paper')}
            name="paper"
            options={PAPERS}
            value={paper}
            labelOf={(option) => t(`summary.paper.${option}`)}
            onChange={setPaper}
          />
          <Button onClick={() => window.print()}>{t('summary.print')}</Button>
        </div>
      </div>
      <VisitSummarySheet row={row} paper={paper} />
    </div>
  );
}

function VisitSummarySheet({ row, paper }: { row: AppointmentRow; paper: Paper }) {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const [temperatureUnit] = useTemperatureUnit();
  const { appointment, doctorName } = row;
  const { data: patient } = usePatient(appointment.patient_id);
  const { data: records } = usePatientRecords(appointment.patient_id);
  if (patient === undefined || !records) return <Loading />;
  const vitals = visitVitals(records, appointment.appointment_date);
  const receipt = paper !== 'a4';
  const gender = patient?.gender
    ? t(`patient.gender.${patient.gender}` as 'patient.gender.Female')
    : null;

  return (
    <article
      data-print-sheet
      data-paper={paper}
      aria-label={t('summary.title')}
      className={`${SHEET_CLASS[paper]} rounded-lg border border-slate-300 bg-white p-4 text-slate-950 print:rounded-none print:border-0 print:p-0`}
    >
      <header className="border-b border-slate-900 pb-2">
        <h2 className="text-[1.25em] font-bold">{user.facility_name}</h2>
        <p className="font-semibold">{t('summary.title')}</p>
        <p>{formatDateTime(locale, appointment.appointment_date)}</p>
      </header>
      <dl className={`mt-2 grid gap-x-3 ${receipt ? 'grid-cols-1' : 'grid-cols-[auto_1fr]'}`}>
        <Item label={t('appointments.patient')} receipt={receipt}>
          <span className="font-semibold">{patient?.name ?? t('appointments.unknownPatient')}</span>
        </Item>
        {patient?.dob ? (
          <Item label={t('patient.dob')} receipt={receipt}>
            {formatDay(locale, patient.dob)}
          </Item>
        ) : null}
        {gender ? (
          <Item label={t('patient.gender')} receipt={receipt}>
            {gender}
          </Item>
        ) : null}
        <Item label={t('appointments.doctor')} receipt={receipt}>
          {doctorName ?? t('appointments.anyDoctor')}
        </Item>
      </dl>
      <SheetSection title={t('summary.vitals')}>
        {vitals.length === 0 ? (
          <p>{t('summary.noVitals')}</p>
        ) : (
          <ul>
            {vitals.map((reading) => {
              const flags = flagReading(reading);
              return (
                <li key={reading.kind ?? reading.label}>
                  {formatReading(reading, t, temperatureUnit)}
                  {flags.some(isAbnormal) ? (
                    <strong className="ms-2">⚠ {flagText(flags, t)}</strong>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </SheetSection>
      <TextSection title={t('appointments.symptoms')} text={appointment.symptoms} />
      <TextSection title={t('appointments.diagnosis')} text={appointment.diagnosis} />
      <TextSection title={t('appointments.prescription')} text={appointment.prescription} />
      <TextSection
        title={t('appointments.followUp')}
        text={appointment.follow_up_date ? formatDay(locale, appointment.follow_up_date) : null}
      />
      <footer className="mt-3 border-t border-slate-400 pt-1 text-[0.85em] text-slate-800">
        {t('summary.printedBy', {
          date: formatDateTime(locale, Date.now()),
          name: user.display_name ?? user.username,
        })}
      </footer>
    </article>
  );
}

function Item({
  label,
  receipt,
  children,
}: {
  label: string;
  receipt: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <dt className={receipt ? 'text-slate-800' : 'text-slate-800 print:py-0.5'}>{label}</dt>
      <dd className={`break-words ${receipt ? 'mb-1' : 'print:py-0.5'}`}>{children}</dd>
    </>
  );
}

function SheetSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-3 break-inside-avoid">
      <h3 className="font-bold">{title}</h3>
      {children}
    </section>
  );
}

/** A free-text field of the visit; left out when empty. */
function TextSection({ title, text }: { title: string; text: string | null | undefined }) {
  if (!text?.trim()) return null;
  return (
    <SheetSection title={title}>
      <p className="break-words whitespace-pre-wrap">{text}</p>
    </SheetSection>
  );
}
