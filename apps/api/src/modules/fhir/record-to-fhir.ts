import type { Basic, Resource } from '@medplum/fhirtypes';
import type { HealthRecordRow } from '../../db/prisma';
import { jsonObject } from '../../lib/wire';
import { metaOf, reference } from './fhir-meta';
import { NOT_FHIR_TAG, RECORD_TYPE_SYSTEM } from './fhir-systems';

export const RECORD_DATA_EXTENSION = 'urn:healthsync:extension:record-data';

/** Whether a record's `data` is the FHIR resource its `resource_type` names. */
export const isFhirRecord = (row: HealthRecordRow) =>
  jsonObject(row.data).resourceType === row.resourceType;

/**
 * A health record as FHIR: its `data` when that is a FHIR resource (validated on write), with the
 * record's id and meta; otherwise a `Basic` tagged not-fhir that carries the data as JSON.
 */
export function recordToFhir(row: HealthRecordRow): Resource {
  const data = jsonObject(row.data);
  if (data.resourceType === row.resourceType) {
    const meta = jsonObject(data.meta);
    return {
      ...(data as unknown as Resource),
      id: row.id,
      meta: { ...meta, ...metaOf(row) },
    };
  }
  const basic: Basic = {
    resourceType: 'Basic',
    id: row.id,
    meta: metaOf(row, { tag: [NOT_FHIR_TAG] }),
    code: {
      coding: [{ system: RECORD_TYPE_SYSTEM, code: row.resourceType }],
      text: row.resourceType,
    },
    subject: reference('Patient', row.patientId),
    created: row.createdAt.toISOString().slice(0, 10),
    extension: [
      {
        url: RECORD_DATA_EXTENSION,
        valueAttachment: {
          contentType: 'application/json',
          data: Buffer.from(JSON.stringify(data)).toString('base64'),
        },
      },
    ],
  };
  return basic;
}
