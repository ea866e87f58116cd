import type { HealthRecord, HealthRecordPatch } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import type { Prisma } from '../../db/prisma';
import { assertExpectedVersion } from '../../lib/precondition';
import { lockRow } from '../../lib/transaction';
import { facilityLockFilter } from '../sync/sync-scope';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { jsonObject } from '../../lib/wire';
import { validateRecordData } from '../fhir/validate-record-data';
import { assertDoctorReview } from './doctor-review-rule';
import { findRecordInScope, patientFacilityFor } from './find-record';
import { recordToWire } from './record-to-wire';

export async function updateRecord(
  tx: Db,
  ctx: WriteContext,
  id: string,
  patch: HealthRecordPatch,
  expectedVersion?: number,
): Promise<HealthRecord> {
  await lockRow(tx, 'health_record', id, facilityLockFilter(ctx.user));
  const current = await findRecordInScope(tx, ctx.user, id);
  assertExpectedVersion(current, expectedVersion, () => recordToWire(current));
  if (patch.data || patch.resource_type)
    await validateRecordData(
      patch.resource_type ?? current.resourceType,
      patch.data ?? jsonObject(current.data),
    );
  if (patch.data) assertDoctorReview(ctx.user, patch.data, jsonObject(current.data));
  const facilityId =
    patch.patient && patch.patient !== current.patientId
      ? await patientFacilityFor(tx, ctx.user, patch.patient)
      : current.facilityId;
  const row = await tx.healthRecord.update({
    where: { id },
    data: {
      patientId: patch.patient,
      resourceType: patch.resource_type,
      data: patch.data as Prisma.InputJsonValue | undefined,
      facilityId,
      ...(ctx.syncedAt ? { lastSyncedAt: ctx.syncedAt } : {}),
    },
  });
  return auditedRow(
    tx,
    ctx.actor,
    'update',
    'HealthRecord',
    recordToWire(row),
    recordToWire(current),
  );
}

export async function deleteRecord(
  tx: Db,
  ctx: WriteContext,
  id: string,
  expectedVersion?: number,
) {
  await lockRow(tx, 'health_record', id, facilityLockFilter(ctx.user));
  const current = await findRecordInScope(tx, ctx.user, id);
  assertExpectedVersion(current, expectedVersion, () => recordToWire(current));
  const row = await tx.healthRecord.update({
    where: { id },
    data: { deleted: true, ...(ctx.syncedAt ? { lastSyncedAt: ctx.syncedAt } : {}) },
  });
  return auditedRow(
    tx,
    ctx.actor,
    'delete',
    'HealthRecord',
    recordToWire(row),
    recordToWire(current),
  );
}
