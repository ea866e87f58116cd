import type { Appointment } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { assertExpectedVersion } from '../../lib/precondition';
import { lockRow } from '../../lib/transaction';
import { auditedRow } from '../../core/record-audit';
import type { WriteContext } from '../../core/write-context';
import { facilityLockFilter } from '../sync/sync-scope';
import { appointmentToWire } from './appointment-to-wire';
import { findAppointmentInScope } from './find-appointment';

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
  return auditedRow(
    tx,
    ctx.actor,
    'delete',
    'Appointment',
    appointmentToWire(row),
    appointmentToWire(current),
  );
}
