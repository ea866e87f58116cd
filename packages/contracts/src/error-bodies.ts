import { z } from 'zod';

/** Generic error body: `detail` is for people, `error_code` for programs. */
export const ErrorBody = z
  .object({
    error_code: z.string().optional(),
    detail: z.string(),
  })
  .loose();
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * Validation errors name each bad field: `errors` maps the field's path to its message, and the
 * same keys also stand at the top level, as the spec shows (`{"last_sync_timestamp": "..."}`).
 */
export const ValidationErrorBody = z
  .object({
    error_code: z.literal('VALIDATION_ERROR'),
    detail: z.string(),
    errors: z.record(z.string(), z.string()),
  })
  .loose();
export type ValidationErrorBody = z.infer<typeof ValidationErrorBody>;

/** Field → message, from a zod error: the first message of each path (`_` for the whole value). */
export function fieldErrorsOfZod(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
  return errors;
}
