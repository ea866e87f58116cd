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

/** A code the API sends. */
export type ServerErrorCode = keyof typeof ERROR_STATUS;

/**
 * Codes only clients raise, never sent by the API: no HTTP answer at all (offline, DNS, reset,
 * timeout), an answer that does not match the contracts (a server bug), a refusal by the phone
 * itself at sign-in, or a local database this app is too old to open.
 */
export const CLIENT_ERROR_CODES = [
  'NETWORK_ERROR',
  'PROTOCOL_ERROR',
  /** Offline sign-in past the lifetime the server set: an online sign-in is needed. */
  'OFFLINE_SIGN_IN_EXPIRED',
  /** This phone's data is locked under an earlier password: ask for it once. */
  'DEVICE_PASSWORD_NEEDED',
  /** The device's local database was written by a newer app: update (reload) the app. */
  'LOCAL_SCHEMA_TOO_NEW',
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type ErrorCode = ServerErrorCode | ClientErrorCode;

/** What a program does about a failure; screens word their messages by it. */
export type ErrorKind =
  | 'network'
  | 'protocol'
  | 'auth'
  | 'forbidden'
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'resync'
  | 'rate_limited'
  | 'server';

const ERROR_KIND: Record<ErrorCode, ErrorKind> = {
  NETWORK_ERROR: 'network',
  PROTOCOL_ERROR: 'protocol',
  // Like an answer off the contracts: this app and what it reads disagree on a version.
  LOCAL_SCHEMA_TOO_NEW: 'protocol',
  VALIDATION_ERROR: 'validation',
  BAD_REQUEST: 'validation',
  METHOD_NOT_ALLOWED: 'validation',
  PAYLOAD_TOO_LARGE: 'validation',
  UNSUPPORTED_MEDIA_TYPE: 'validation',
  NOT_AUTHENTICATED: 'auth',
  TOKEN_INVALID: 'auth',
  INVALID_CREDENTIALS: 'auth',
  SESSION_REVOKED: 'auth',
  ACCOUNT_DISABLED: 'auth',
  OFFLINE_SIGN_IN_EXPIRED: 'auth',
  DEVICE_PASSWORD_NEEDED: 'auth',
  PERMISSION_DENIED: 'forbidden',
  NOT_FOUND: 'not_found',
  STALE_UPDATE: 'conflict',
  CONFLICT: 'conflict',
  PRECONDITION_FAILED: 'conflict',
  RESYNC_REQUIRED: 'resync',
  RATE_LIMITED: 'rate_limited',
  INTERNAL_ERROR: 'server',
  SERVICE_UNAVAILABLE: 'server',
};

export function errorKindOf(code: ErrorCode): ErrorKind {
  return ERROR_KIND[code];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_KIND, value);
}

/**
 * The one mapping from an HTTP status to a code, for answers whose body names none (a proxy's
 * 502 page, an empty 404). 502 and 504 come from a gateway that could not reach the API, 408 from
 * one that gave up waiting: the service is unavailable, and worth a retry.
 */
export function errorCodeOfStatus(status: number): ServerErrorCode {
  switch (status) {
    case 401:
      return 'NOT_AUTHENTICATED';
    case 403:
      return 'PERMISSION_DENIED';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'CONFLICT';
    case 410:
      return 'RESYNC_REQUIRED';
    case 412:
      return 'PRECONDITION_FAILED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 408:
    case 502:
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE';
  }
  return status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
}

/** The authentication messages the API documents (docs/api.md#authentication). */
export const AUTH_MESSAGES = {
  NOT_AUTHENTICATED: 'Authentication credentials were not provided.',
  TOKEN_INVALID: 'Given token not valid for any token type',
  INVALID_CREDENTIALS: 'No active account found with the given credentials',
  SESSION_REVOKED: 'This session has ended: the account was changed. Sign in again.',
  ACCOUNT_DISABLED: 'This account has been deactivated. Ask an administrator to re-enable it.',
} as const;

/**
 * An answer's body when it is an error body (error-bodies.ts defines it), else null. Read without
 * zod: this module loads with the PWA's first screen, zod's code only with the screens after it.
 */
function errorBodyOf(json: unknown): { error_code?: unknown; detail: string } | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const body = json as Record<string, unknown>;
  const codeOk = body.error_code === undefined || typeof body.error_code === 'string';
  return codeOk && typeof body.detail === 'string' ? { ...body, detail: body.detail } : null;
}

/**
 * One error type for client and server code. The API throws it and answers with its `body` and
 * `status`; clients (sync-client, the web app) raise it for every failure — an HTTP error answer,
 * no answer, an answer off the contracts, a local edit the contracts refuse — and act on `code`.
 */
export class HealthSyncError extends Error {
  readonly code: ErrorCode;
  /** The HTTP status: the one answered with, else the code's; 0 when no answer was had or used. */
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail: string,
    extra: Record<string, unknown> = {},
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HealthSyncError';
    this.code = code;
    this.status =
      options.status ?? (code in ERROR_STATUS ? ERROR_STATUS[code as ServerErrorCode] : 0);
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

  /** A failure a client meets with no HTTP answer behind it (status 0). */
  static local(code: ErrorCode, detail: string, cause?: unknown): HealthSyncError {
    return new HealthSyncError(code, detail, {}, { status: 0, cause });
  }

  /**
   * An error answer as the client sees it: the body's code when it names one of ours, else the
   * status's (see errorCodeOfStatus); `what` names the call in the message.
   */
  static fromResponse(status: number, json: unknown, what: string): HealthSyncError {
    const body = errorBodyOf(json);
    const code = isErrorCode(body?.error_code) ? body.error_code : errorCodeOfStatus(status);
    const detail = body?.detail ?? `HTTP ${status}`;
    const error = new HealthSyncError(code, detail, body ?? {}, { status });
    error.message = `${what}: HTTP ${status} ${code} ${detail}`;
    return error;
  }

  get kind(): ErrorKind {
    return errorKindOf(this.code);
  }

  /** Worth trying again later as it is: nothing answered, the server failed, or asked to wait. */
  get retryable(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'protocol' ||
      this.kind === 'server' ||
      this.kind === 'rate_limited'
    );
  }

  /**
   * As good as offline for a person: nothing answered, or a gateway or the API said it cannot
   * serve now (the static server answers 502 when it cannot reach the API).
   */
  get unreachable(): boolean {
    return this.code === 'NETWORK_ERROR' || this.code === 'SERVICE_UNAVAILABLE';
  }

  /** Field → message of a refusal that names fields (validation, a taken name), else empty. */
  get fieldErrors(): Record<string, string> {
    const errors = this.body.errors;
    if (!errors || typeof errors !== 'object') return {};
    return Object.fromEntries(
      Object.entries(errors).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  }
}
