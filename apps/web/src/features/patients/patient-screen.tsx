'use client';

import type { ReactNode } from 'react';
import { AppointmentList } from '../appointments/appointment-list';
import { usePatientAppointments } from '../appointments/use-appointments';
import { useI18n } from '../i18n/i18n-provider';
import { formatDay } from '../i18n/format';
import { OtherRecordsList } from '../records/other-records-list';
import { usePatientRecords } from '../records/use-patient-records';
import { LinkButton } from '../ui/link-button';
import { Loading, NotFound } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { cardClass } from '../ui/styles';
import { SyncBadge } from '../ui/sync-badge';
import { useQueryParam } from '../ui/use-query-param';
import { readObservation } from '../vitals/read-observation';
import { VitalsList } from '../vitals/vitals-list';
import { VitalsTrends } from '../vitals/vitals-trends';
import { DeletePatientButton } from './delete-patient-button';
import { usePatient } from './use-patient';

function Section({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-label={title} className={cardClass}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function PatientScreen() {
  const id = useQueryParam('id');
  const { data: patient, isPending } = usePatient(id);
  if (isPending) return <Loading />;
  if (!patient) return <NotFound />;
  return <PatientDetails patientId={patient.id} />;
}

function PatientDetails({ patientId }: { patientId: string }) {
  const { t, locale } = useI18n();
  const { data: patient } = usePatient(patientId);
  const { data: appointments } = usePatientAppointments(patientId);
  const { data: records } = usePatientRecords(patientId);
  if (!patient) return <Loading />;
  const vitals = (records ?? []).filter(
    (r) => r.resource_type === 'Observation' && readObservation(r.data) !== null,
  );
  const others = (records ?? []).filter((r) => !vitals.includes(r));
  const gender = patient.gender
    ? t(`patient.gender.${patient.gender}` as 'patient.gender.Female')
    : null;

  return (
    <div className="flex flex-col gap-4">
      <PageTitle
        actions={
          <LinkButton href={`/patients/edit?id=${patient.id}`}>{t('patients.edit')}</LinkButton>
        }
      >
        {patient.name}
      </PageTitle>
      <div className={cardClass}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
          <dt className="text-slate-700">{t('patient.dob')}</dt>
          <dd>{patient.dob ? formatDay(locale, patient.dob) : '—'}</dd>
          <dt className="text-slate-700">{t('patient.gender')}</dt>
          <dd>{gender ?? '—'}</dd>
          <dt className="text-slate-700">{t('patient.phone')}</dt>
          <dd>{patient.phone_number ?? '—'}</dd>
          <dt className="text-slate-700">{t('patient.address')}</dt>
          <dd className="break-words">{patient.address ?? '—'}</dd>
        </dl>
        <div className="mt-2">
          <SyncBadge sync={patient._sync} />
        </div>
      </div>
      <Section
        title={t('vitals.title')}
        actions={
          <LinkButton href={`/patients/vitals?id=${patient.id}`} variant="primary">
            {t('vitals.record')}
          </LinkButton>
        }
      >
        {records ? (
          <>
            <VitalsTrends observations={vitals} />
            <VitalsList observations={vitals} />
          </>
        ) : (
          <Loading />
        )}
      </Section>
      <Section
        title={t('appointments.title')}
        actions={
          <LinkButton href={`/appointments/new?patient=${patient.id}`}>
            {t('appointments.book')}
          </LinkButton>
        }
      >
        {appointments ? <AppointmentList rows={appointments} showPatient={false} /> : <Loading />}
      </Section>
      <Section title={t('records.title')}>
        {records ? <OtherRecordsList records={others} /> : <Loading />}
      </Section>
      <DeletePatientButton patientId={patient.id} name={patient.name} />
    </div>
  );
}
