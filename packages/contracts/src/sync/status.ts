import { z } from 'zod';
import { WireTimestamp } from '../common';

/** GET /api/sync/status/ (docs/api.md#sync-status). */
export const SyncStatus = z
  .object({
    server_time: WireTimestamp,
    protocol_version: z.int(),
    sync_strategy: z.object({
      strategy: z.string(),
      description: z.string(),
      conflict_handling: z.string(),
      resolution: z.string(),
    }),
    supported_parameters: z.record(z.string(), z.string()),
    sync_endpoints: z.record(z.string(), z.string()),
    headers: z.record(z.string(), z.string()),
    conflict_handling: z.object({
      strategy: z.string(),
      error_code: z.string(),
      http_status: z.int(),
      suggested_action: z.string(),
    }),
  })
  .loose();
export type SyncStatus = z.infer<typeof SyncStatus>;
