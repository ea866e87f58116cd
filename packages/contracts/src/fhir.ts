import { z } from 'zod';
import { pageLimit, pageOffset } from './pagination';

/** The FHIR REST API's media type (R4). */
export const FHIR_JSON = 'application/fhir+json';

/** GET /fhir/<type>?_count=: 20 by default, at most 1000; `_offset` is what `next` links carry. */
export const FHIR_PAGE = { default: 20, max: 1000 } as const;

/** One search parameter: given once, or repeated (`birthdate=ge1980&birthdate=lt1990`: AND). */
const SearchValue = z.union([z.string().max(256), z.array(z.string().max(256)).max(8)]);

const paging = {
  _count: pageLimit(FHIR_PAGE),
  _offset: pageOffset,
  _id: SearchValue.optional(),
  _lastUpdated: SearchValue.optional(),
  /** Accepted for clients that always send it; answers are always FHIR JSON. */
  _format: z.enum(['json', 'application/json', 'application/fhir+json']).optional(),
};

export const FhirPatientSearch = z.strictObject({
  ...paging,
  name: SearchValue.optional(),
  birthdate: SearchValue.optional(),
  identifier: SearchValue.optional(),
  gender: SearchValue.optional(),
});
export type FhirPatientSearch = z.infer<typeof FhirPatientSearch>;

export const FhirObservationSearch = z.strictObject({
  ...paging,
  patient: SearchValue.optional(),
  subject: SearchValue.optional(),
  code: SearchValue.optional(),
  category: SearchValue.optional(),
  date: SearchValue.optional(),
});
export type FhirObservationSearch = z.infer<typeof FhirObservationSearch>;

export const FhirAppointmentSearch = z.strictObject({
  ...paging,
  patient: SearchValue.optional(),
  date: SearchValue.optional(),
  status: SearchValue.optional(),
});
export type FhirAppointmentSearch = z.infer<typeof FhirAppointmentSearch>;

/** Practitioner, Organization, Location. */
export const FhirDirectorySearch = z.strictObject({ ...paging, name: SearchValue.optional() });
export type FhirDirectorySearch = z.infer<typeof FhirDirectorySearch>;

/** A FHIR logical id (R4 `id`: 1–64 of A–Z a–z 0–9 - .). */
export const FhirIdParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9\-.]{1,64}$/, 'Expected a FHIR id (1–64 of A–Z, a–z, 0–9, -, .).'),
});

/** Resource types the API reads and searches. */
export const FHIR_READ_TYPES = [
  'Patient',
  'Observation',
  'Appointment',
  'Condition',
  'MedicationRequest',
  'Practitioner',
  'Organization',
  'Location',
] as const;
export const FhirReadParams = FhirIdParams.extend({ type: z.enum(FHIR_READ_TYPES) });

/** Resource types a Bulk Data export can hold. */
export const FHIR_EXPORT_TYPES = [
  'Patient',
  'Practitioner',
  'Organization',
  'Location',
  'Appointment',
  'Condition',
  'MedicationRequest',
  'Observation',
  'Basic',
] as const;
export type FhirExportType = (typeof FHIR_EXPORT_TYPES)[number];

/** GET /fhir/$export and /fhir/Group/{id}/$export (FHIR Bulk Data Access v2). */
export const FhirExportQuery = z.strictObject({
  /** Comma-separated resource types (default: all). */
  _type: z.string().max(512).optional(),
  /** Only resources changed after this instant. */
  _since: z.string().max(64).optional(),
  _outputFormat: z.enum(['application/fhir+ndjson', 'application/ndjson', 'ndjson']).optional(),
});
export type FhirExportQuery = z.infer<typeof FhirExportQuery>;

export const FhirExportJobParams = z.object({ job: z.uuid() });
export const FhirExportFileParams = z.object({
  job: z.uuid(),
  file: z.coerce.number().int().min(0).max(1_000_000),
});

/** A loose FHIR resource as answers carry it: the validator, not a schema, checks the rest. */
export const FhirResourceBody = z.looseObject({ resourceType: z.string() });
