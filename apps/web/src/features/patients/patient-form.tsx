'use client';

import { useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { SelectField, TextAreaField, TextField } from '../ui/fields';
import { cardClass } from '../ui/styles';
import { GENDERS } from './patient-fields';
import type { PatientFormValues } from './patient-fields';

interface PatientFormProps {
  initial: PatientFormValues;
  submitLabel: string;
  saving: boolean;
  errors: Record<string, string>;
  /** `initial`: what the form opened with, so an edit sends only what the person changed. */
  onSubmit(values: PatientFormValues, initial: PatientFormValues): void;
}

export function PatientForm({ initial, submitLabel, saving, errors, onSubmit }: PatientFormProps) {
  const t = useT();
  const [opened] = useState(initial);
  const [values, setValues] = useState(initial);
  const [nameMissing, setNameMissing] = useState(false);
  const set = (field: keyof PatientFormValues) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = values.name.trim() === '';
    setNameMissing(missing);
    if (!missing) onSubmit(values, opened);
  }

  const today = new Date().toISOString().slice(0, 10);
  return (
    <form onSubmit={submit} noValidate className={`${cardClass} flex flex-col gap-4`}>
      <TextField
        label={t('patient.name')}
        name="name"
        autoComplete="off"
        required
        value={values.name}
        onChange={(e) => set('name')(e.target.value)}
        error={nameMissing ? t('patient.nameRequired') : errors.name}
      />
      <TextField
        label={t('patient.dob')}
        name="dob"
        type="date"
        max={today}
        value={values.dob}
        onChange={(e) => set('dob')(e.target.value)}
        error={errors.dob}
      />
      <SelectField
        label={t('patient.gender')}
        name="gender"
        value={values.gender}
        onChange={(e) => set('gender')(e.target.value)}
        error={errors.gender}
      >
        <option value="">{t('patient.gender.unspecified')}</option>
        {GENDERS.map((gender) => (
          <option key={gender} value={gender}>
            {t(`patient.gender.${gender}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('patient.phone')}
        name="phone_number"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        value={values.phone_number}
        onChange={(e) => set('phone_number')(e.target.value)}
        error={errors.phone_number}
      />
      <TextAreaField
        label={t('patient.address')}
        name="address"
        value={values.address}
        onChange={(e) => set('address')(e.target.value)}
        error={errors.address}
      />
      <Button type="submit" disabled={saving}>
        {submitLabel}
      </Button>
    </form>
  );
}
