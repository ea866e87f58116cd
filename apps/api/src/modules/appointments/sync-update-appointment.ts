import {
  formatMicros,
  type Appointment,
  type AppointmentSyncUpdate,
  type StaleUpdateBody,
} from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { notFound } from '../../lib/errors';
import { lockRow } from '../../lib/transaction';
import { facilityLockFilter } from '../sync/sync-scope';
import type { WriteContext } from '../../core/write-context';
import { recordConflict } from '../sync/conflicts/record-conflict';
import { handlerFor } from '../sync/upload/change-handlers';
import { editBaseOf, isStale } from '../sync/upload/stale-check';

export type SyncUpdateOutcome =
  { status: 200; row: Appointment } | { status: 409; body: StaleUpdateBody };

const STALE_MESSAGE = 'Record has been modified since your last sync. Your changes may conflict.';

/**
 * PUT /api/appointments/{id}/sync_update/: applies the edit unless the appointment changed on the
 * server after the client's base, in which case the edit is stored as a conflict and refused.
 */
export async function syncUpdateAppointment(
  tx: Db,
  ctx: WriteContext & { deviceId: string | null },
  id: string,
  body: AppointmentSyncUpdate,
): Promise<SyncUpdateOutcome> {
  const { client_last_synced_at, base_version, ...fields } = body;
  const handler = handlerFor('Appointment');
  const validated = handler.validateUpdate(fields);
  const base = editBaseOf(
    { client_updated_at: client_last_synced_at, base_version },
    'client_last_synced_at',
  );
  await lockRow(tx, 'appointment', id, facilityLockFilter(ctx.user));
  const current = await handler.current(tx, ctx.user, id);
  if (!current || current.deleted) throw notFound('Appointment not found.');

  if (isStale(current, base)) {
    const conflictId = await recordConflict(tx, {
      user: ctx.user,
      deviceId: ctx.deviceId,
      batchId: null,
      clientChangeId: null,
      source: 'sync_update',
      entity: 'Appointment',
      resourceType: 'Appointment',
      current,
      base,
      clientChanges: fields,
    });
    return {
      status: 409,
      body: {
        error_code: 'STALE_UPDATE',
        message: STALE_MESSAGE,
        conflict_type: 'VERSION_MISMATCH',
        server_version: formatMicros(current.stamp),
        client_version: client_last_synced_at ?? base.label,
        suggested_action: 'REFRESH',
        detail: STALE_MESSAGE,
        conflict_id: conflictId,
        current: current.row,
      },
    };
  }
  const row = (await handler.update(tx, ctx, id, validated, current)) as Appointment;
  return { status: 200, row };
}
