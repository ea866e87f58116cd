'use client';

import { useDeferredValue, useState } from 'react';
import { useT } from '../i18n/i18n-provider';
import { TextField } from '../ui/fields';
import { Loading } from '../ui/loading';
import { PageTitle } from '../ui/page-title';
import { MedicineAvailabilityCard } from './medicine-availability-card';
import { useMedicineAvailability } from './use-medicine-availability';

/** Which pharmacies have a medicine, as of their last stock update that reached this device. */
export function MedicinesScreen() {
  const t = useT();
  const [text, setText] = useState('');
  const query = useDeferredValue(text);
  const { data, isPending } = useMedicineAvailability(query);
  return (
    <div>
      <PageTitle>{t('medicines.title')}</PageTitle>
      <div role="search" className="mb-4">
        <TextField
          label={t('medicines.search')}
          type="search"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          hint={t('medicines.hint')}
        />
      </div>
      {isPending || !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p className="rounded-lg bg-white px-3 py-4 text-base">{t('medicines.none')}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {data.map((entry) => (
            <MedicineAvailabilityCard key={entry.medicine.id} entry={entry} />
          ))}
        </ul>
      )}
    </div>
  );
}
