import { z } from 'zod';
import { appointmentEditableFields } from '../appointment';
import { InputTimestamp, JsonObject } from '../common';

/** PUT /api/appointments/{id}/sync_update/: the edit and what it was based on. */
export const AppointmentSyncUpdate = z.strictObject({
  client_last_synced_at: InputTimestamp.optional(),
  base_version: z.int().min(1).optional(),
  ...appointmentEditableFields,
});
export type AppointmentSyncUpdate = z.infer<typeof AppointmentSyncUpdate>;

/** The 409 of a stale update (docs/api.md#appointment-sync-update), plus the server's current row. */
export const StaleUpdateBody = z.object({
  error_code: z.literal('STALE_UPDATE'),
  message: z.string(),
  conflict_type: z.literal('VERSION_MISMATCH'),
  server_version: z.string(),
  client_version: z.string(),
  suggested_action: z.literal('REFRESH'),
  detail: z.string(),
  conflict_id: z.uuid(),
  current: JsonObject,
});
export type StaleUpdateBody = z.infer<typeof StaleUpdateBody>;
