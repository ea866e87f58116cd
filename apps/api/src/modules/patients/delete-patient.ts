import type { Db } from '../../db/prisma';
import { assertExpectedVersion } from '../../lib/precondition';
import { lockRow } from '../../lib/transaction';
import { facilityLockFilter } from '../sync/sync-scope';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { findPatientInScope } from './find-patient';
import { patientToWire } from './patient-to-wire';

/** Soft delete: the row stays as a tombstone (deleted = true) so every device learns of it. */
export async function deletePatient(
  tx: Db,
  ctx: WriteContext,
  id: string,
  expectedVersion?: number,
) {
  await lockRow(tx, 'patient', id, facilityLockFilter(ctx.user));
  const current = await findPatientInScope(tx, ctx.user, id);
  assertExpectedVersion(current, expectedVersion, () => patientToWire(current));
  const row = await tx.patient.update({
    where: { id },
    data: { deleted: true, ...(ctx.syncedAt ? { lastSyncedAt: ctx.syncedAt } : {}) },
  });
  return auditedRow(tx, ctx.actor, 'delete', 'Patient', patientToWire(row), patientToWire(current));
}
