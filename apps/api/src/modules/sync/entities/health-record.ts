import { entityContractNamed } from '@healthsync/contracts';
import { invalidField } from '../../../lib/errors';
import { isUuid } from '../../../lib/uuid';
import { jsonObject } from '../../../lib/wire';
import { createRecord } from '../../records/create-record';
import { deleteRecord, updateRecord } from '../../records/update-record';
import { withoutServerFields } from '../upload/parse-payload';
import { jsonObjectSql, syncFields } from '../wire-sql';
import type { EntityWrites, ServerEntity } from './server-entity';

/** `payload.patient_id` names the patient; the rest of the payload is the record's data. */
export function splitRecordPayload(payload: Record<string, unknown>) {
  const { patient_id, patient, id, ...data } = withoutServerFields(payload);
  const patientId = patient_id ?? patient;
  return {
    patientId: typeof patientId === 'string' ? patientId : undefined,
    id: typeof id === 'string' ? id : undefined,
    data,
  };
}

/** Any FHIR resource type (Observation, Condition, …) is a HealthRecord. */
const writesOf = (resourceType: string): EntityWrites => ({
  create: (tx, ctx, payload) => {
    const { patientId, id, data } = splitRecordPayload(payload);
    if (!patientId)
      throw invalidField('payload.patient_id', 'Name the patient this record belongs to.');
    return createRecord(tx, ctx, {
      id: id && isUuid(id) ? id : undefined,
      patient: patientId,
      resource_type: resourceType,
      data,
    });
  },
  validateUpdate: (payload) => {
    const { patientId, data } = splitRecordPayload(payload);
    if (patientId !== undefined && !isUuid(patientId))
      throw invalidField('payload.patient_id', 'Invalid UUID.');
    return { patientId, data };
  },
  update: (tx, ctx, id, validated, current) => {
    const { patientId, data } = validated as { patientId?: string; data: Record<string, unknown> };
    // The payload is merged into the record's data, as the spec's upload example does.
    return updateRecord(tx, ctx, id, {
      patient: patientId,
      data: { ...jsonObject(current.row.data), ...data },
    });
  },
  remove: (tx, ctx, id) => deleteRecord(tx, ctx, id),
  owns: (row) => row.resource_type === resourceType,
});

export const healthRecordEntity: ServerEntity = {
  contract: entityContractNamed('HealthRecord'),
  table: 'health_record',
  scope: 'facility',
  wireColumns: [
    ...syncFields(),
    't.patient_id AS patient',
    't.resource_type',
    `${jsonObjectSql('t.data')} AS data`,
    't.facility_id',
  ],
  resourceTypeOf: (row) => String(row.resource_type),
  writes: writesOf,
};
