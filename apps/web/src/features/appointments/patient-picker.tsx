'use client';

import { useDeferredValue, useState } from 'react';
import type { Patient } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import { usePatientSearch } from '../patients/use-patient-search';
import { TextField } from '../ui/fields';

/** Search-as-you-type patient choice for booking (the first 8 matches). */
export function PatientPicker({ onPick }: { onPick(patient: Patient): void }) {
  const t = useT();
  const [text, setText] = useState('');
  const query = useDeferredValue(text);
  const { data } = usePatientSearch(query);
  const matches = query.trim() ? (data ?? []).slice(0, 8) : [];
  return (
    <div className="flex flex-col gap-2">
      <TextField
        label={t('appointments.findPatient')}
        type="search"
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <ul className="flex flex-col gap-1">
        {matches.map((patient) => (
          <li key={patient.id}>
            <button
              type="button"
              onClick={() => onPick(patient)}
              className="min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-start text-base hover:bg-brand-50"
            >
              {patient.name}
              {patient.dob ? <span className="text-slate-700"> · {patient.dob}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
