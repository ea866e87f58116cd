import { z } from 'zod';
import { JsonObject, JsonObjectInput, Uuid, syncedRowFields } from './common';
import { offsetPage, PAGE_SIZES } from './pagination';

/** A FHIR R4 resource type name (Observation, Condition, MedicationRequest, …). */
export const FhirResourceType = z
  .string()
  .regex(/^[A-Z][A-Za-z]{1,63}$/, 'Expected a FHIR resource type such as Observation');

export const HealthRecord = z.object({
  ...syncedRowFields,
  patient: Uuid,
  resource_type: FhirResourceType,
  data: JsonObject,
  facility_id: Uuid,
});
export type HealthRecord = z.infer<typeof HealthRecord>;

export const HealthRecordInput = z.strictObject({
  id: Uuid.optional(),
  patient: Uuid,
  resource_type: FhirResourceType,
  data: JsonObjectInput.default({}),
});
export type HealthRecordInput = z.infer<typeof HealthRecordInput>;

export const HealthRecordPatch = z
  .strictObject({
    patient: Uuid,
    resource_type: FhirResourceType,
    data: JsonObjectInput,
  })
  .partial();
export type HealthRecordPatch = z.infer<typeof HealthRecordPatch>;

/** GET /api/records/: oldest first, a page at a time (see the Link header). */
export const RecordListQuery = z.object({
  patient: Uuid.optional(),
  resource_type: FhirResourceType.optional(),
  ...offsetPage(PAGE_SIZES.clinicalList),
});
export type RecordListQuery = z.infer<typeof RecordListQuery>;
