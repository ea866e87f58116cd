import { PatientPatch } from '@healthsync/contracts';
import { movesFacility } from './decisions';
import { editRowsInBulk } from './edit-rows-in-bulk';
import { parsePayload, withoutServerFields } from './parse-payload';

/** Omitted fields keep their value, as `updatePatient` (Prisma's `undefined`) leaves them. */
const UPDATE_PATIENTS_SQL = `
  UPDATE patient p SET
    name = CASE WHEN c.patch ? 'name' THEN c.patch->>'name' ELSE p.name END,
    dob = CASE WHEN c.patch ? 'dob' THEN (c.patch->>'dob')::date ELSE p.dob END,
    gender = CASE WHEN c.patch ? 'gender' THEN c.patch->>'gender' ELSE p.gender END,
    phone_number = CASE WHEN c.patch ? 'phone_number' THEN c.patch->>'phone_number' ELSE p.phone_number END,
    address = CASE WHEN c.patch ? 'address' THEN c.patch->>'address' ELSE p.address END,
    identifiers = CASE WHEN c.patch ? 'identifiers' THEN c.patch->'identifiers' ELSE p.identifiers END,
    fhir = CASE WHEN c.patch ? 'fhir' THEN NULLIF(c.patch->'fhir', 'null'::jsonb) ELSE p.fhir END,
    last_synced_at = COALESCE($2::timestamptz, p.last_synced_at)
  FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, patch jsonb, before jsonb)
  WHERE p.id = c.id
  RETURNING p.*, c.before AS audit_before`;

/** Patient edits; a move to another facility goes one by one (its records and visits move too). */
export const updatePatientsInBulk = editRowsInBulk<PatientPatch>({
  entity: 'Patient',
  patchOf: (change) => parsePayload(PatientPatch, withoutServerFields(change.payload)),
  declines: (patch, current) => movesFacility(patch.facility_id, current.row.facility_id as string),
  rowOf: (patch) => ({ patch }),
  sql: UPDATE_PATIENTS_SQL,
});
