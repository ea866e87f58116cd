import type { Patient } from '@healthsync/contracts';

/** What the register/edit form holds: text inputs, '' for empty. */
export interface PatientFormValues {
  name: string;
  dob: string;
  gender: string;
  phone_number: string;
  address: string;
}

export const GENDERS = ['Female', 'Male', 'Other'] as const;

export const EMPTY_PATIENT: PatientFormValues = {
  name: '',
  dob: '',
  gender: '',
  phone_number: '',
  address: '',
};

export function formValuesOf(patient: Patient): PatientFormValues {
  return {
    name: patient.name,
    dob: patient.dob ?? '',
    gender: patient.gender ?? '',
    phone_number: patient.phone_number ?? '',
    address: patient.address ?? '',
  };
}

/** The fields to send: all of them for a new patient. */
export function toPatientInput(values: PatientFormValues) {
  return {
    name: values.name,
    dob: values.dob || null,
    gender: values.gender || null,
    phone_number: values.phone_number || null,
    address: values.address || null,
  };
}

/** Only what the person changed: a smaller upload, and no false conflict on untouched fields. */
export function changedPatientFields(before: PatientFormValues, after: PatientFormValues) {
  const input = toPatientInput(after);
  const previous = toPatientInput(before);
  return Object.fromEntries(
    (Object.keys(input) as (keyof typeof input)[])
      .filter((key) => input[key] !== previous[key])
      .map((key) => [key, input[key]]),
  ) as Partial<ReturnType<typeof toPatientInput>>;
}
