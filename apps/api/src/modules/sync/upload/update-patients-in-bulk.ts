import { PatientPatch } from '@healthsync/contracts';
import { canUseClinicalData } from '../../../core/auth-user';
import { recordConflicts } from '../conflicts/record-conflict';
import {
  conflictInputOf,
  conflictOutcome,
  deletedOnServer,
  notInScope,
  rejectedOutcome,
} from './change-outcomes';
import { validOrNull, type BulkItem, type BulkResult, type BulkWriter } from './bulk-writer';
import { lockCurrentRows, type CurrentRow } from './lock-current-rows';
import { parsePayload, withoutServerFields } from './parse-payload';
import { decideEdit, movesFacility } from './decisions';
import { editBaseOf, type EditBase } from './stale-check';
import { writeRunWithAudit } from './write-run-with-audit';

type Input = { patch: PatientPatch; base: EditBase };

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

/** Patient edits: one locked read, then one statement updates the run and writes its audit rows. */
export const updatePatientsInBulk: BulkWriter<Input> = {
  entity: 'Patient',
  operation: 'update',

  accept(change, user) {
    if (!change.server_id || !canUseClinicalData(user)) return null;
    const input = validOrNull(() => ({
      patch: parsePayload(PatientPatch, withoutServerFields(change.payload)),
      base: editBaseOf(change),
    }));
    return input && { input, rowId: change.server_id.toLowerCase() };
  },

  async write(tx, ctx, items) {
    const result: BulkResult = { outcomes: new Map(), declined: [] };
    const { inScope } = await lockCurrentRows(
      tx,
      'Patient',
      ctx.user,
      items.map((item) => item.rowId),
    );
    const writes: { item: BulkItem<Input>; current: CurrentRow }[] = [];
    const stale: { item: BulkItem<Input>; current: CurrentRow }[] = [];
    for (const item of items) {
      const { index, raw, input } = item;
      const decision = decideEdit(item.change, inScope.get(item.rowId));
      if (decision.verdict === 'not-in-scope') {
        result.outcomes.set(index, rejectedOutcome(index, raw, 'Patient', notInScope()));
      } else if (decision.verdict === 'stale') {
        stale.push({ item, current: decision.current });
      } else if (decision.verdict !== 'apply') {
        result.outcomes.set(index, rejectedOutcome(index, raw, 'Patient', deletedOnServer()));
      } else if (
        movesFacility(input.patch.facility_id, decision.current.row.facility_id as string)
      ) {
        result.declined.push(item); // its records and appointments move with it
      } else {
        writes.push({ item, current: decision.current });
      }
    }
    const conflictIds = await recordConflicts(
      tx,
      stale.map(({ item, current }) =>
        conflictInputOf(ctx, 'Patient', item.change, current, item.input.base),
      ),
    );
    stale.forEach(({ item, current }, i) =>
      result.outcomes.set(
        item.index,
        conflictOutcome(
          item.index,
          item.raw,
          item.change,
          current,
          item.input.base,
          conflictIds[i]!,
        ),
      ),
    );
    await writeRunWithAudit(
      tx,
      ctx,
      {
        entity: 'Patient',
        action: 'update',
        sql: UPDATE_PATIENTS_SQL,
        rows: writes.map(({ item, current }) => ({
          item,
          row: { id: item.rowId, patch: item.input.patch, before: current.row },
        })),
      },
      result,
    );
    return result;
  },
};
