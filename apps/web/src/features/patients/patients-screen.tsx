'use client';

import { useDeferredValue, useId, useState } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { LinkButton } from '../ui/link-button';
import { Loading } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { inputClass } from '../ui/styles';
import { PatientList } from './patient-list';
import { usePatientSearch } from './use-patient-search';

export function PatientsScreen() {
  const id = useId();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const query = useDeferredValue(text);
  const { data: patients, isPending } = usePatientSearch(query);

  return (
    <div>
      <PageTitle
        actions={
          <LinkButton href="/patients/new" variant="primary">
            {t('patients.register')}
          </LinkButton>
        }
      >
        {t('patients.title')}
      </PageTitle>
      <div role="search" className="mb-3 flex flex-col gap-1">
        <label htmlFor={id} className="text-base font-medium">
          {t('patients.search')}
        </label>
        <input
          id={id}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('patients.searchPlaceholder')}
          autoComplete="off"
          className={inputClass}
        />
      </div>
      {isPending || !patients ? (
        <Loading />
      ) : (
        <>
          <p aria-live="polite" className="mb-2 text-sm text-slate-700">
            {t('patients.count', { count: patients.length })}
          </p>
          {patients.length === 0 ? (
            <p className="rounded-lg bg-white px-3 py-4 text-base">{t('patients.none')}</p>
          ) : (
            <PatientList patients={patients} />
          )}
        </>
      )}
    </div>
  );
}
