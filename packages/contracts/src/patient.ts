import { z } from 'zod';
import {
  CalendarDate,
  JsonObject,
  JsonObjectInput,
  OptionalText,
  Uuid,
  WireDate,
  syncedRowFields,
} from './common';
import { offsetPage, PAGE_SIZES } from './pagination';

/** A patient as every endpoint shows it: the union of both spec documents' shapes. */
export const Patient = z.object({
  ...syncedRowFields,
  owner: Uuid.nullable(),
  name: z.string(),
  dob: WireDate.nullable(),
  gender: z.string().nullable(),
  phone_number: z.string().nullable(),
  address: z.string().nullable(),
  identifiers: JsonObject,
  fhir: JsonObject.nullable(),
  facility_id: Uuid,
});
export type Patient = z.infer<typeof Patient>;

const patientFields = {
  name: z.string().trim().min(1).max(200),
  dob: CalendarDate.nullable().optional(),
  gender: OptionalText(32),
  phone_number: OptionalText(32),
  address: OptionalText(500),
  identifiers: JsonObjectInput.optional(),
  fhir: JsonObjectInput.nullable().optional(),
  facility_id: Uuid.optional(),
};

/** POST and PUT body (PUT replaces the fields it names; omitted optional fields keep their value). */
export const PatientInput = z.strictObject({ id: Uuid.optional(), ...patientFields });
export type PatientInput = z.infer<typeof PatientInput>;

export const PatientPatch = z.strictObject(patientFields).partial();
export type PatientPatch = z.infer<typeof PatientPatch>;

/** GET /api/patients/: by name, a page at a time (see the Link header). */
export const PatientListQuery = z.object({
  search: z.string().trim().max(200).optional(),
  ...offsetPage(PAGE_SIZES.clinicalList),
});
export type PatientListQuery = z.infer<typeof PatientListQuery>;
