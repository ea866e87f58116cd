import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorBody, fieldErrorsOfZod } from './error-bodies';
import { ERROR_STATUS, errorCodeOfStatus, HealthSyncError } from './errors';

describe('errorCodeOfStatus', () => {
  it('maps each status the API uses back to a code that has that status', () => {
    for (const status of new Set(Object.values(ERROR_STATUS))) {
      expect(ERROR_STATUS[errorCodeOfStatus(status)]).toBe(status);
    }
  });

  it('treats gateway failures and timeouts as an unavailable service, other statuses by class', () => {
    expect([408, 502, 503, 504].map(errorCodeOfStatus)).toEqual(
      Array(4).fill('SERVICE_UNAVAILABLE'),
    );
    expect(errorCodeOfStatus(507)).toBe('INTERNAL_ERROR');
    expect(errorCodeOfStatus(418)).toBe('BAD_REQUEST');
  });
});

describe('HealthSyncError.fromResponse', () => {
  it('takes the code the body names, and keeps the answered status and field errors', () => {
    const error = HealthSyncError.fromResponse(
      409,
      { error_code: 'CONFLICT', detail: 'This username is taken.', errors: { username: 'Taken.' } },
      'create user',
    );
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, kind: 'conflict' });
    expect(error.fieldErrors).toEqual({ username: 'Taken.' });
    expect(error.message).toContain('This username is taken.');
    expect(error.retryable).toBe(false);
  });

  it('falls back to the status when the body is not ours', () => {
    const proxy = HealthSyncError.fromResponse(502, null, 'sign in');
    expect(proxy).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 502, unreachable: true });
    expect(proxy.retryable).toBe(true);
    const unknown = HealthSyncError.fromResponse(
      410,
      { error_code: 'GONE_FISHING', detail: 'x' },
      'download',
    );
    expect(unknown).toMatchObject({ code: 'RESYNC_REQUIRED', kind: 'resync' });
  });

  it('reads a body as an error body exactly when ErrorBody accepts it', () => {
    const bodies: unknown[] = [
      { detail: 'Not found.' },
      { error_code: 'NOT_FOUND', detail: 'Not found.', extra: 1 },
      { error_code: 'SOMETHING_NEW', detail: 'Later.' },
      { error_code: 404, detail: 'A number for a code.' },
      { error_code: null, detail: 'A null code.' },
      { error_code: 'NOT_FOUND' },
      { detail: 5 },
      ['detail'],
      'Not found.',
      null,
    ];
    for (const body of bodies) {
      const error = HealthSyncError.fromResponse(404, body, 'get');
      const accepted = ErrorBody.safeParse(body).success;
      expect(error.body.detail !== 'HTTP 404', JSON.stringify(body)).toBe(accepted);
    }
  });

  it('sorts codes into the kinds clients act on', () => {
    expect(
      HealthSyncError.fromResponse(401, { error_code: 'SESSION_REVOKED', detail: 'x' }, 'me').kind,
    ).toBe('auth');
    expect(HealthSyncError.fromResponse(429, null, 'sign in').kind).toBe('rate_limited');
    expect(HealthSyncError.local('NETWORK_ERROR', 'offline')).toMatchObject({
      kind: 'network',
      status: 0,
      retryable: true,
      unreachable: true,
    });
    expect(HealthSyncError.local('PROTOCOL_ERROR', 'bad body').retryable).toBe(true);
    expect(new HealthSyncError('PERMISSION_DENIED', 'no').kind).toBe('forbidden');
  });
});

describe('fieldErrorsOfZod', () => {
  it('names each field by its path, first message only', () => {
    const schema = z.object({ name: z.string().min(2), address: z.object({ pin: z.string() }) });
    const parsed = schema.safeParse({ name: 'a', address: { pin: 5 } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const errors = fieldErrorsOfZod(parsed.error);
    expect(Object.keys(errors).sort()).toEqual(['address.pin', 'name']);
    expect(HealthSyncError.validation(errors).fieldErrors).toEqual(errors);
  });
});
