import { z } from 'zod';

export const HealthStatus = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['pglite', 'postgres']).optional(),
  version: z.string().optional(),
});
export type HealthStatus = z.infer<typeof HealthStatus>;
