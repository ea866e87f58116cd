import { HealthSyncError } from '@healthsync/contracts';
import { fhirProblemsOf } from './fhir-validator';

/**
 * A record's `data` that names a `resourceType` must be that FHIR R4 resource: the same type as
 * the record's `resource_type`, and valid by the R4 definitions. Data without one (the spec's
 * `{}` and `{patient_id, value}`) is accepted as it is and exported as not FHIR. Throws a 400
 * naming `data.<FHIR path>` for each problem.
 */
export async function validateRecordData(
  resourceType: string,
  data: Record<string, unknown>,
): Promise<void> {
  if (data.resourceType === undefined) return;
  if (data.resourceType !== resourceType) {
    throw HealthSyncError.validation({
      'data.resourceType': `Must equal the record's resource_type (${resourceType}).`,
    });
  }
  const problems = await fhirProblemsOf(data);
  if (problems.length === 0) return;
  const errors: Record<string, string> = {};
  for (const { path, message } of problems) {
    // Medplum names paths from the resource type (Observation.code): the field is data.code.
    const field = `data.${path.startsWith(`${resourceType}.`) ? path.slice(resourceType.length + 1) : path}`;
    errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  throw HealthSyncError.validation(errors);
}
