import { fieldErrorsOfZod, HealthSyncError } from '@healthsync/contracts';
import type { z } from 'zod';

/** Parses a local edit with its contract; a refusal is a VALIDATION_ERROR naming each field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw HealthSyncError.validation(fieldErrorsOfZod(parsed.error));
  return parsed.data;
}
