import type { HealthRecord, HealthRecordInput } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { newRowId } from '../../lib/new-row-id';
import type { Prisma } from '../../db/prisma';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { validateRecordData } from '../fhir/validate-record-data';
import { assertDoctorReview } from './doctor-review-rule';
import { patientFacilityFor } from './find-record';
import { recordToWire } from './record-to-wire';

export async function createRecord(
  tx: Db,
  ctx: WriteContext,
  input: HealthRecordInput,
): Promise<HealthRecord> {
  await validateRecordData(input.resource_type, input.data);
  assertDoctorReview(ctx.user, input.data, null);
  const facilityId = await patientFacilityFor(tx, ctx.user, input.patient);
  const id = await newRowId(tx, 'health_record', input.id);
  const row = await tx.healthRecord.create({
    data: {
      id,
      patientId: input.patient,
      resourceType: input.resource_type,
      data: input.data as Prisma.InputJsonValue,
      facilityId,
      lastSyncedAt: ctx.syncedAt ?? null,
    },
  });
  return auditedRow(tx, ctx.actor, 'create', 'HealthRecord', recordToWire(row));
}
