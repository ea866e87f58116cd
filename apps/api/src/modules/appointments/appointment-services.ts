import { timestampToDate, type Appointment, type AppointmentInput } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { newRowId } from '../../lib/new-row-id';
import { notFound } from '../../lib/errors';
import { assertExpectedVersion } from '../../lib/precondition';
import { lockRow } from '../../lib/transaction';
import { facilityLockFilter } from '../sync/sync-scope';
import { doctorRefusal } from '../sync/upload/decisions';
import { recordAudit } from '../../services/record-audit';
import { canAccessFacility, type AuthUser } from '../auth/auth-user';
import type { WriteContext } from '../patients/create-patient';
import { patientFacilityFor } from '../records/find-record';
import { appointmentToWire } from './appointment-to-wire';

export type AppointmentPatch = Partial<Omit<AppointmentInput, 'id'>>;

export async function findAppointmentInScope(db: Db, user: AuthUser, id: string) {
  const row = await db.appointment.findUnique({ where: { id } });
  if (!row || row.deleted || !canAccessFacility(user, row.facilityId))
    throw notFound('Appointment not found.');
  return row;
}

async function assertDoctorIn(
  db: Db,
  doctorId: string | null | undefined,
  facilityId: string,
): Promise<void> {
  if (!doctorId) return;
  const doctor = await db.doctor.findUnique({
    where: { id: doctorId },
    select: { facilityId: true, deleted: true },
  });
  const refusal = doctorRefusal(doctorId, doctor, facilityId);
  if (refusal) throw refusal;
}

export async function createAppointment(
  tx: Db,
  ctx: WriteContext,
  input: AppointmentInput,
): Promise<Appointment> {
  const facilityId = await patientFacilityFor(tx, ctx.user, input.patient_id, 'patient_id');
  await assertDoctorIn(tx, input.doctor_id, facilityId);
  const id = await newRowId(tx, 'appointment', input.id);
  const row = await tx.appointment.create({
    data: {
      id,
      patientId: input.patient_id,
      doctorId: input.doctor_id ?? null,
      appointmentDate: timestampToDate(input.appointment_date),
      status: input.status ?? 'PENDING',
      symptoms: input.symptoms ?? null,
      diagnosis: input.diagnosis ?? null,
      prescription: input.prescription ?? null,
      facilityId,
      lastSyncedAt: ctx.syncedAt ?? null,
    },
  });
  const after = appointmentToWire(row);
  await recordAudit(tx, ctx.actor, {
    action: 'create',
    entityType: 'Appointment',
    entityId: id,
    after,
  });
  return after;
}

export async function updateAppointment(
  tx: Db,
  ctx: WriteContext,
  id: string,
  patch: AppointmentPatch,
  expectedVersion?: number,
): Promise<Appointment> {
  await lockRow(tx, 'appointment', id, facilityLockFilter(ctx.user));
  const current = await findAppointmentInScope(tx, ctx.user, id);
  assertExpectedVersion(current, expectedVersion, () => appointmentToWire(current));
  let facilityId = current.facilityId;
  if (patch.patient_id && patch.patient_id !== current.patientId) {
    facilityId = await patientFacilityFor(tx, ctx.user, patch.patient_id, 'patient_id');
  }
  if (patch.doctor_id !== undefined) await assertDoctorIn(tx, patch.doctor_id, facilityId);
  const row = await tx.appointment.update({
    where: { id },
    data: {
      patientId: patch.patient_id,
      doctorId: patch.doctor_id,
      appointmentDate: patch.appointment_date ? timestampToDate(patch.appointment_date) : undefined,
      status: patch.status,
      symptoms: patch.symptoms,
      diagnosis: patch.diagnosis,
      prescription: patch.prescription,
      facilityId,
      ...(ctx.syncedAt ? { lastSyncedAt: ctx.syncedAt } : {}),
    },
  });
  const before = appointmentToWire(current);
  const after = appointmentToWire(row);
  await recordAudit(tx, ctx.actor, {
    action: 'update',
    entityType: 'Appointment',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function deleteAppointment(
  tx: Db,
  ctx: WriteContext,
  id: string,
  expectedVersion?: number,
): Promise<Appointment> {
  await lockRow(tx, 'appointment', id, facilityLockFilter(ctx.user));
  const current = await findAppointmentInScope(tx, ctx.user, id);
  assertExpectedVersion(current, expectedVersion, () => appointmentToWire(current));
  const row = await tx.appointment.update({
    where: { id },
    data: { deleted: true, ...(ctx.syncedAt ? { lastSyncedAt: ctx.syncedAt } : {}) },
  });
  const after = appointmentToWire(row);
  await recordAudit(tx, ctx.actor, {
    action: 'delete',
    entityType: 'Appointment',
    entityId: id,
    before: appointmentToWire(current),
    after,
  });
  return after;
}
