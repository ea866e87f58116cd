import { HealthSyncError } from '@healthsync/contracts';

/**
 * Field → message of a refused edit: a local one the contracts reject, or one the API refused
 * (400 validation errors, 409 taken names), for the form to show next to its fields.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof HealthSyncError ? error.fieldErrors : {};
}
