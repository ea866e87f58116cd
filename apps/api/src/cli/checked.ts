import type { z } from 'zod';
import { HealthSyncError } from '../lib/errors';

/** Validates a command's input with the API's own schema: the same rules, the same field names. */
export function checked<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join('.') || 'input'] = issue.message;
  throw HealthSyncError.validation(errors);
}
