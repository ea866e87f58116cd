import type { Practitioner } from '@medplum/fhirtypes';
import type { DoctorRow } from '../../db/prisma';
import { metaOf } from './fhir-meta';

/** A doctor as a FHIR Practitioner; the specialization is the qualification's text (no code is kept). */
export function practitionerToFhir(row: DoctorRow): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: row.id,
    meta: metaOf(row),
    active: !row.deleted,
    name: [{ text: row.name }],
    ...(row.phoneNumber ? { telecom: [{ system: 'phone', value: row.phoneNumber }] } : {}),
    ...(row.specialization ? { qualification: [{ code: { text: row.specialization } }] } : {}),
  };
}
