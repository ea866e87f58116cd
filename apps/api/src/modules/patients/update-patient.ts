import type { Patient, PatientPatch } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { Prisma } from '../../db/prisma';
import { assertExpectedVersion } from '../../lib/precondition';
import { lockRow } from '../../lib/transaction';
import { facilityLockFilter } from '../sync/sync-scope';
import { movesFacility } from '../sync/upload/decisions';
import { parseDateOnly } from '../../lib/wire';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { findPatientInScope } from './find-patient';
import { movePatientRows } from './move-patient-rows';
import { patientToWire } from './patient-to-wire';
import { resolveFacility } from './resolve-facility';

/**
 * Applies the named fields to a patient (PUT and PATCH alike: omitted fields keep their value).
 * `expectedVersion` (from If-Match) makes the write conditional. Call inside a transaction.
 */
export async function updatePatient(
  tx: Db,
  ctx: WriteContext,
  id: string,
  patch: PatientPatch,
  expectedVersion?: number,
): Promise<Patient> {
  await lockRow(tx, 'patient', id, facilityLockFilter(ctx.user));
  const current = await findPatientInScope(tx, ctx.user, id);
  assertExpectedVersion(current, expectedVersion, () => patientToWire(current));
  const facilityId =
    patch.facility_id === undefined
      ? current.facilityId
      : await resolveFacility(tx, ctx.user, patch.facility_id);

  const row = await tx.patient.update({
    where: { id },
    data: {
      name: patch.name,
      dob: parseDateOnly(patch.dob),
      gender: patch.gender,
      phoneNumber: patch.phone_number,
      address: patch.address,
      identifiers: patch.identifiers as Prisma.InputJsonValue | undefined,
      fhir:
        patch.fhir === undefined
          ? undefined
          : patch.fhir === null
            ? Prisma.DbNull
            : (patch.fhir as Prisma.InputJsonValue),
      facilityId,
      ...(ctx.syncedAt ? { lastSyncedAt: ctx.syncedAt } : {}),
    },
  });
  if (movesFacility(facilityId, current.facilityId))
    await movePatientRows(tx, ctx.actor, id, facilityId);
  return auditedRow(tx, ctx.actor, 'update', 'Patient', patientToWire(row), patientToWire(current));
}
