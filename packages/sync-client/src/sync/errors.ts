import type { ErrorBody } from '@healthsync/contracts';

/** The request never got an HTTP answer (offline, DNS, reset, timeout). Retried with backoff. */
export class NetworkError extends Error {
  override readonly cause: unknown;
  constructor(message: string, cause?: unknown) {
    super(message);
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/** The server answered with an error status. `body` is its parsed error body, when it had one. */
export class HttpError extends Error {
  readonly status: number;
  readonly body: ErrorBody | null;
  constructor(status: number, body: ErrorBody | null, what: string) {
    super(
      `${what}: HTTP ${status}${body ? ` ${body.error_code ?? ''} ${body.detail}` : ''}`.trim(),
    );
    this.name = 'HttpError';
    this.status = status;
    this.body = body;
  }

  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** A 2xx answer that does not match the contracts: a server bug; retried with backoff, and shown. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** The refresh token was refused (or there is none): the user must sign in again. */
export class SignInRequiredError extends Error {
  constructor(message = 'Sign-in required') {
    super(message);
    this.name = 'SignInRequiredError';
  }
}

/** 410 RESYNC_REQUIRED: our cursor is older than the server's tombstone retention. */
export class ResyncRequiredError extends Error {
  constructor() {
    super('The server asks for a full re-download (RESYNC_REQUIRED)');
    this.name = 'ResyncRequiredError';
  }
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof ProtocolError) return true;
  if (error instanceof HttpError) return error.retryable;
  return false;
}
