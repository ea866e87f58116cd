import { LocalValidationError } from '@healthsync/sync-client';

/** Field → message from a rejected local edit (the contracts' own validation). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof LocalValidationError ? error.errors : {};
}
