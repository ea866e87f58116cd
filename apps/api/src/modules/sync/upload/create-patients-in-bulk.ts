import { PatientInput } from '@healthsync/contracts';
import { idTaken } from '../../../lib/new-row-id';
import { applied, rejectedOutcome } from './change-outcomes';
import {
  acceptCreate,
  lockClientIds,
  type BulkItem,
  type BulkResult,
  type BulkWriter,
} from './bulk-writer';
import { writeRunWithAudit } from './write-run-with-audit';

const INSERT_PATIENTS_SQL = `
  INSERT INTO patient (id, name, dob, gender, phone_number, address, identifiers, fhir, owner_id,
                       facility_id, last_synced_at)
  SELECT c.id, c.name, c.dob::date, c.gender, c.phone_number, c.address, c.identifiers,
         NULLIF(c.fhir, 'null'::jsonb), c.owner_id, c.facility_id, $2::timestamptz
    FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, name text, dob text, gender text,
         phone_number text, address text, identifiers jsonb, fhir jsonb, owner_id uuid,
         facility_id uuid)
  RETURNING *, NULL::jsonb AS audit_before`;

/**
 * New patients in the caller's own facility: the ids they bring read in one locked query, then one
 * statement inserts the run and its audit rows. The checks and their order are `createPatient`'s;
 * a patient for another facility (an admin's choice, checked against the facility table) is left
 * to the one-by-one path.
 */
export const createPatientsInBulk: BulkWriter<PatientInput> = {
  entity: 'Patient',
  operation: 'create',

  accept(change, user) {
    const accepted = acceptCreate('Patient', PatientInput, change, user);
    const facilityId = accepted?.input.facility_id;
    return facilityId && facilityId !== user.facilityId ? null : accepted;
  },

  async write(tx, ctx, items) {
    const result: BulkResult = { outcomes: new Map(), declined: [] };
    const existing = await lockClientIds(tx, 'Patient', ctx.user, items);
    const inserts: BulkItem<PatientInput>[] = [];
    for (const item of items) {
      const { index, raw } = item;
      // The same create arriving again (its client id is already a row in scope).
      const again = existing.inScope.get(item.rowId);
      if (again) result.outcomes.set(index, applied(index, raw, 'created', again.row));
      else if (existing.elsewhere.has(item.rowId))
        result.outcomes.set(index, rejectedOutcome(index, raw, 'Patient', idTaken(item.rowId)));
      else inserts.push(item);
    }
    await writeRunWithAudit(
      tx,
      ctx,
      {
        entity: 'Patient',
        action: 'create',
        sql: INSERT_PATIENTS_SQL,
        rows: inserts.map((item) => ({
          item,
          row: {
            id: item.rowId,
            name: item.input.name,
            dob: item.input.dob ?? null,
            gender: item.input.gender ?? null,
            phone_number: item.input.phone_number ?? null,
            address: item.input.address ?? null,
            identifiers: item.input.identifiers ?? {},
            fhir: item.input.fhir ?? null,
            owner_id: ctx.user.id,
            facility_id: ctx.user.facilityId,
          },
        })),
      },
      result,
    );
    return result;
  },
};
