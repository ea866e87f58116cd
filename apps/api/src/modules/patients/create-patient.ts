import type { Patient, PatientInput } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { newRowId } from '../../lib/new-row-id';
import { Prisma } from '../../db/prisma';
import { parseDateOnly } from '../../lib/wire';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { patientToWire } from './patient-to-wire';
import { resolveFacility } from './resolve-facility';

/** Creates a patient (the caller owns it) and its audit entry. Call inside a transaction. */
export async function createPatient(
  tx: Db,
  ctx: WriteContext,
  input: PatientInput,
): Promise<Patient> {
  const facilityId = await resolveFacility(tx, ctx.user, input.facility_id);
  const id = await newRowId(tx, 'patient', input.id);
  const row = await tx.patient.create({
    data: {
      id,
      name: input.name,
      dob: parseDateOnly(input.dob) ?? null,
      gender: input.gender ?? null,
      phoneNumber: input.phone_number ?? null,
      address: input.address ?? null,
      identifiers: (input.identifiers ?? {}) as Prisma.InputJsonValue,
      fhir: input.fhir ? (input.fhir as Prisma.InputJsonValue) : Prisma.DbNull,
      ownerId: ctx.user.id,
      facilityId,
      lastSyncedAt: ctx.syncedAt ?? null,
    },
  });
  return auditedRow(tx, ctx.actor, 'create', 'Patient', patientToWire(row));
}
