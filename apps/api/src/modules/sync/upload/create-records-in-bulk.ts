import { uuidv7 } from 'uuidv7';
import { idTaken } from '../../../lib/new-row-id';
import { isUuid } from '../../../lib/uuid';
import { validateRecordData } from '../../fhir/validate-record-data';
import { doctorReviewRefusal } from '../../records/doctor-review-rule';
import { splitRecordPayload } from '../entities/health-record';
import { changeOwns } from './change-handlers';
import { applied, rejectedOutcome } from './change-outcomes';
import {
  bulkCreatable,
  refusalOf,
  type BulkItem,
  type BulkResult,
  type BulkWriter,
} from './bulk-writer';
import { patientRefusal } from './decisions';
import { lockCurrentRows } from './lock-current-rows';
import { readOwners } from './read-owners';
import { writeRunWithAudit } from './write-run-with-audit';

type Input = { patientId: string; clientId: string | null; data: Record<string, unknown> };

const INSERT_RECORDS_SQL = `
  INSERT INTO health_record (id, patient_id, resource_type, data, facility_id, last_synced_at)
  SELECT c.id, c.patient_id, c.resource_type, c.data, c.facility_id, $2::timestamptz
    FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, patient_id uuid, resource_type text,
         data jsonb, facility_id uuid)
  RETURNING *, NULL::jsonb AS audit_before`;

/**
 * New health records (vitals, diagnoses… any FHIR type): their patients read in one query, the
 * ids they bring in one locked query, then one statement inserts the run and its audit rows. The
 * checks and their order are the one-by-one path's: the same create arriving again, the data as
 * FHIR R4 (`createRecord`), the patient, the id.
 */
export const createRecordsInBulk: BulkWriter<Input> = {
  entity: 'HealthRecord',
  operation: 'create',

  accept(change, user) {
    if (!bulkCreatable('HealthRecord', change, user)) return null;
    const { patientId, id, data } = splitRecordPayload(change.payload);
    // A missing or malformed patient, or an id that only looks like one: the one-by-one path.
    if (!patientId || !isUuid(patientId)) return null;
    if (id !== undefined && /^[0-9a-f-]{36}$/i.test(id) && !isUuid(id)) return null;
    const clientId = id && isUuid(id) ? id.toLowerCase() : null;
    return {
      input: { patientId: patientId.toLowerCase(), clientId, data },
      rowId: clientId ?? uuidv7(),
    };
  },

  async write(tx, ctx, items) {
    const result: BulkResult = { outcomes: new Map(), declined: [] };
    const existing = await lockCurrentRows(
      tx,
      'HealthRecord',
      ctx.user,
      items.flatMap((item) => item.input.clientId ?? []),
    );
    const patients = await readOwners(tx, 'patient', [
      ...new Set(items.map((item) => item.input.patientId)),
    ]);
    const inserts: { item: BulkItem<Input>; facilityId: string }[] = [];
    for (const item of items) {
      const { index, raw, input, change } = item;
      const reject = (error: unknown) =>
        result.outcomes.set(index, rejectedOutcome(index, raw, change.resource_type, error));
      const found = existing.inScope.get(item.rowId);
      // The same create arriving again: a row of this type in scope with the client's id.
      if (found && changeOwns(change.resource_type, found.row)) {
        result.outcomes.set(index, applied(index, raw, 'created', found.row));
        continue;
      }
      const patient = patients.get(input.patientId);
      const refusal =
        (await refusalOf(() => validateRecordData(change.resource_type, input.data))) ??
        doctorReviewRefusal(ctx.user, input.data, null) ??
        patientRefusal(ctx.user, patient, 'patient');
      if (refusal) reject(refusal);
      else if (found || existing.elsewhere.has(item.rowId)) reject(idTaken(item.rowId));
      else inserts.push({ item, facilityId: patient!.facilityId });
    }
    await writeRunWithAudit(
      tx,
      ctx,
      {
        entity: 'HealthRecord',
        action: 'create',
        sql: INSERT_RECORDS_SQL,
        rows: inserts.map(({ item, facilityId }) => ({
          item,
          row: {
            id: item.rowId,
            patient_id: item.input.patientId,
            resource_type: item.change.resource_type,
            data: item.input.data,
            facility_id: facilityId,
          },
        })),
      },
      result,
    );
    return result;
  },
};
