'use client';

import { useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { SelectField, TextAreaField, TextField } from '../ui/fields';
import { cardClass } from '../ui/styles';
import { APPOINTMENT_STATUSES } from './appointment-status';
import type { VisitValues } from './visit-fields';

interface VisitFormProps {
  initial: VisitValues;
  /** Diagnosis and prescription are a doctor's to write. */
  clinician: boolean;
  saving: boolean;
  errors: Record<string, string>;
  /** Resolves once saved; the saved values become the base of the next edit. */
  onSubmit(values: VisitValues, opened: VisitValues): Promise<unknown>;
}

export function VisitForm({ initial, clinician, saving, errors, onSubmit }: VisitFormProps) {
  const t = useT();
  const [opened, setOpened] = useState(initial);
  const [values, setValues] = useState(initial);
  const set = <K extends keyof VisitValues>(key: K, value: VisitValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(values, opened).then(
      () => setOpened(values),
      () => undefined,
    );
  }

  return (
    <form onSubmit={submit} noValidate className={`${cardClass} flex flex-col gap-4`}>
      <SelectField
        label={t('appointments.status')}
        name="status"
        value={values.status}
        onChange={(e) => {
          const status = APPOINTMENT_STATUSES.find((s) => s === e.target.value);
          if (status) set('status', status);
        }}
        error={errors.status}
      >
        {APPOINTMENT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('appointments.symptoms')}
        name="symptoms"
        value={values.symptoms}
        onChange={(e) => set('symptoms', e.target.value)}
        error={errors.symptoms}
      />
      <TextAreaField
        label={t('appointments.diagnosis')}
        name="diagnosis"
        value={values.diagnosis}
        readOnly={!clinician}
        hint={clinician ? undefined : t('appointments.doctorOnly')}
        onChange={(e) => set('diagnosis', e.target.value)}
        error={errors.diagnosis}
      />
      <TextAreaField
        label={t('appointments.prescription')}
        name="prescription"
        value={values.prescription}
        readOnly={!clinician}
        hint={clinician ? undefined : t('appointments.doctorOnly')}
        onChange={(e) => set('prescription', e.target.value)}
        error={errors.prescription}
      />
      <TextField
        label={t('appointments.followUp')}
        name="follow_up_date"
        type="date"
        hint={t('appointments.followUpHint')}
        value={values.follow_up_date}
        onChange={(e) => set('follow_up_date', e.target.value)}
        error={errors.follow_up_date}
      />
      <Button type="submit" disabled={saving}>
        {t('appointments.save')}
      </Button>
    </form>
  );
}
