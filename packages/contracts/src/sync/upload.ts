import { z } from 'zod';
import { InputTimestamp, JsonObject, JsonObjectInput, Uuid, WireTimestamp } from '../common';
import { SyncResourceType } from './resource-types';

export const MAX_CHANGES_PER_BATCH = 2000;

const ClientKey = z.string().trim().min(1).max(128);

/**
 * One change in an upload batch. `client_updated_at` (the server's `updated_at` the edit was based
 * on) or `base_version` (its `server_version`) is required for update and delete; create needs
 * `client_temp_id` or a client-generated `payload.id`, so a retried upload can never create twice.
 */
export const UploadChange = z
  .object({
    operation: z.enum(['create', 'update', 'delete']),
    resource_type: SyncResourceType,
    client_change_id: ClientKey.optional(),
    client_temp_id: ClientKey.optional(),
    server_id: Uuid.optional(),
    client_updated_at: InputTimestamp.optional(),
    base_version: z.int().min(1).optional(),
    payload: JsonObjectInput.default({}),
  })
  .loose();
export type UploadChange = z.infer<typeof UploadChange>;

export const UploadRequest = z.object({
  device_id: ClientKey,
  /** Client-generated id of the batch: replaying it returns the stored receipt. */
  batch_id: Uuid.optional(),
  changes: z.array(z.unknown()).max(MAX_CHANGES_PER_BATCH),
});
export type UploadRequest = z.infer<typeof UploadRequest>;

export const UploadQuery = z.object({
  async: z.enum(['true', 'false', '1', '0']).optional(),
});

export const ChangeStatus = z.enum(['created', 'updated', 'deleted', 'conflict', 'rejected']);
export type ChangeStatus = z.infer<typeof ChangeStatus>;

/** The outcome of one change, in the order the changes were sent. */
export const ChangeResult = z.object({
  index: z.int().min(0),
  status: ChangeStatus,
  resource_type: z.string(),
  server_id: Uuid.nullable(),
  client_temp_id: z.string().nullable(),
  client_change_id: z.string().nullable(),
  server_version: z.int().nullable(),
  updated_at: WireTimestamp.nullable(),
  conflict_id: Uuid.nullable(),
  errors: z.record(z.string(), z.string()).nullable(),
});
export type ChangeResult = z.infer<typeof ChangeResult>;

export const UploadConflict = z.object({
  index: z.int().min(0),
  conflict_id: Uuid,
  server_id: Uuid,
  resource_type: z.string(),
  reason: z.literal('server_newer'),
  client_version: z.string(),
  server_version: WireTimestamp,
  current: JsonObject,
});
export type UploadConflict = z.infer<typeof UploadConflict>;

export const BatchStatus = z.enum(['pending', 'processing', 'applied', 'failed']);
export type BatchStatus = z.infer<typeof BatchStatus>;

/** The receipt of a batch: the response of a synchronous upload, and of GET /api/sync/batches/{id}/. */
export const UploadReceipt = z.object({
  batch_id: Uuid,
  status: BatchStatus,
  device_id: z.string(),
  results: z.array(ChangeResult),
  conflicts: z.array(UploadConflict),
  server_time: WireTimestamp,
  created_at: WireTimestamp,
  processed_at: WireTimestamp.nullable(),
});
export type UploadReceipt = z.infer<typeof UploadReceipt>;

export const TriggerResponse = z.object({ status: z.literal('task started'), task_id: z.string() });
export type TriggerResponse = z.infer<typeof TriggerResponse>;

export { UploadReceipt as BatchReceipt };
