import { isUuid } from '../../../lib/uuid';
import { jsonObject } from '../../../lib/wire';
import { validateRecordData } from '../../fhir/validate-record-data';
import { doctorReviewRefusal } from '../../records/doctor-review-rule';
import { splitRecordPayload } from '../entities/health-record';
import { refusalOf } from './bulk-writer';
import { editRowsInBulk } from './edit-rows-in-bulk';

type RecordPatch = { patientId: string | undefined; data: Record<string, unknown> };

const UPDATE_RECORDS_SQL = `
  UPDATE health_record h SET
    data = c.data,
    last_synced_at = COALESCE($2::timestamptz, h.last_synced_at)
  FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, data jsonb, before jsonb)
  WHERE h.id = c.id
  RETURNING h.*, c.before AS audit_before`;

const mergedData = (patch: RecordPatch, current: { row: Record<string, unknown> }) => ({
  ...jsonObject(current.row.data),
  ...patch.data,
});

/**
 * Record edits: the payload is merged into the record's data (as the one-by-one path does) and the
 * result validated as FHIR R4. An edit moving the record to another patient goes one by one.
 */
export const updateRecordsInBulk = editRowsInBulk<RecordPatch>({
  entity: 'HealthRecord',
  patchOf: (change) => {
    const { patientId, data } = splitRecordPayload(change.payload);
    // A malformed patient id: the one-by-one path names it.
    return patientId !== undefined && !isUuid(patientId) ? null : { patientId, data };
  },
  declines: (patch, current) =>
    patch.patientId !== undefined &&
    patch.patientId.toLowerCase() !== String(current.row.patient).toLowerCase(),
  refusal: async (change, patch, current, user) =>
    (await refusalOf(() => validateRecordData(change.resource_type, mergedData(patch, current)))) ??
    doctorReviewRefusal(user, mergedData(patch, current), jsonObject(current.row.data)),
  rowOf: (patch, current) => ({ data: mergedData(patch, current) }),
  sql: UPDATE_RECORDS_SQL,
});
