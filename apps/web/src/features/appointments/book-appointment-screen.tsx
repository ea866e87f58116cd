'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Patient } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import { usePatient } from '../patients/use-patient';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { Button } from '../ui/button';
import { SelectField, TextAreaField, TextField } from '../ui/fields';
import { PageTitle } from '../ui/page-title';
import { cardClass } from '../ui/styles';
import { useQueryParam } from '../ui/use-query-param';
import { fieldErrorsOf } from '../ui/validation-errors';
import { fromLocalInputValue, toLocalInputValue } from './appointment-status';
import { PatientPicker } from './patient-picker';
import { useDoctors } from './use-appointments';

interface Booking {
  patientId: string;
  doctorId: string;
  when: string;
  symptoms: string;
}

function nextHour(): string {
  const date = new Date();
  date.setMinutes(0, 0, 0);
  date.setHours(date.getHours() + 1);
  return toLocalInputValue(date.toISOString());
}

export function BookAppointmentScreen() {
  const t = useT();
  const router = useRouter();
  const client = useSyncClient();
  const notifySaved = useSavedNotice();
  const { data: given } = usePatient(useQueryParam('patient'));
  const [picked, setPicked] = useState<Patient | null>(null);
  const patient = picked ?? given ?? null;
  const { data: doctors } = useDoctors();
  const [when, setWhen] = useState(nextHour);
  const [doctorId, setDoctorId] = useState('');
  const [symptoms, setSymptoms] = useState('');
  const [whenInvalid, setWhenInvalid] = useState(false);

  const save = useMutation({
    networkMode: 'always',
    mutationFn: async (booking: Booking) => {
      if (!client) throw new Error('No local store');
      return client.appointments.create({
        patient_id: booking.patientId,
        doctor_id: booking.doctorId || null,
        appointment_date: booking.when,
        status: 'PENDING',
        symptoms: booking.symptoms,
      });
    },
    onSuccess: (appointment) => {
      notifySaved();
      router.push(`/appointments/view?id=${appointment.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const timestamp = fromLocalInputValue(when);
    setWhenInvalid(!timestamp);
    if (!patient || !timestamp) return;
    save.mutate({ patientId: patient.id, doctorId, when: timestamp, symptoms });
  }

  return (
    <div>
      <PageTitle>{t('appointments.book')}</PageTitle>
      <form onSubmit={submit} noValidate className={`${cardClass} flex flex-col gap-4`}>
        {patient ? (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-base">
              {t('appointments.patient')}: <strong>{patient.name}</strong>
            </p>
            <Button variant="quiet" onClick={() => setPicked(null)} hidden={!picked}>
              {t('appointments.changePatient')}
            </Button>
          </div>
        ) : (
          <PatientPicker onPick={setPicked} />
        )}
        <SelectField
          label={t('appointments.doctor')}
          value={doctorId}
          onChange={(e) => setDoctorId(e.target.value)}
          error={errors.doctor_id}
        >
          <option value="">{t('appointments.anyDoctor')}</option>
          {(doctors ?? []).map((doctor) => (
            <option key={doctor.id} value={doctor.id}>
              {doctor.name}
              {doctor.specialization ? ` (${doctor.specialization})` : ''}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('appointments.when')}
          type="datetime-local"
          value={when}
          onChange={(e) => setWhen(e.target.value)}
          error={whenInvalid ? t('appointments.whenInvalid') : errors.appointment_date}
        />
        <TextAreaField
          label={t('appointments.symptoms')}
          value={symptoms}
          onChange={(e) => setSymptoms(e.target.value)}
          error={errors.symptoms}
        />
        <Button type="submit" disabled={!patient || save.isPending}>
          {t('appointments.bookSubmit')}
        </Button>
      </form>
    </div>
  );
}
