import { z } from 'zod';

/** Every error the API answers with has one of these codes; the HTTP status follows from the code. */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  BAD_REQUEST: 400,
  NOT_AUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  INVALID_CREDENTIALS: 401,
  /** A valid token of a session an administrator ended (deactivation, new role or facility…). */
  SESSION_REVOKED: 401,
  /** A refresh by a deactivated account: the phone wipes its synced data (issue 16). */
  ACCOUNT_DISABLED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  STALE_UPDATE: 409,
  CONFLICT: 409,
  RESYNC_REQUIRED: 410,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The spec's authentication messages (sync-api-examples 5.3 / 5.4). */
export const AUTH_MESSAGES = {
  NOT_AUTHENTICATED: 'Authentication credentials were not provided.',
  TOKEN_INVALID: 'Given token not valid for any token type',
  INVALID_CREDENTIALS: 'No active account found with the given credentials',
  SESSION_REVOKED: 'This session has ended: the account was changed. Sign in again.',
  ACCOUNT_DISABLED: 'This account has been deactivated. Ask an administrator to re-enable it.',
} as const;

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

/** One error type for client and server code. */
export class HealthSyncError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'HealthSyncError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.body = { ...extra, error_code: code, detail };
  }

  static validation(errors: Record<string, string>, detail?: string): HealthSyncError {
    const summary =
      detail ??
      Object.entries(errors)
        .map(([field, message]) => `${field}: ${message}`)
        .join('; ');
    return new HealthSyncError('VALIDATION_ERROR', summary, { ...errors, errors });
  }
}
