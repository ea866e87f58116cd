import { describe, expect, it } from 'vitest';
import { HealthSyncError } from '@healthsync/contracts';
import type { SyncErrorInfo } from '@healthsync/sync-client';
import { translator } from '../i18n/translate';
import { authFailureMessage } from '../session/auth-failure-message';
import { describeSyncError } from './describe-sync-error';

const t = translator('en');
const info = (code: SyncErrorInfo['code'], status: number | null): SyncErrorInfo => ({
  code,
  status,
  message: 'upload: detail from the server',
  at: 0,
});

describe('describeSyncError', () => {
  it('words each shared code a health worker can act on', () => {
    expect(describeSyncError(info('NETWORK_ERROR', null), t)).toBe(t('sync.error.network'));
    expect(describeSyncError(info('PAYLOAD_TOO_LARGE', 413), t)).toBe(t('sync.error.tooLarge'));
    expect(describeSyncError(info('SERVICE_UNAVAILABLE', 502), t)).toBe(t('sync.error.server'));
    expect(describeSyncError(info('PERMISSION_DENIED', 403), t)).toBe(t('sync.error.forbidden'));
    expect(describeSyncError(info('VALIDATION_ERROR', 400), t)).toContain('detail from the server');
  });
});

describe('authFailureMessage', () => {
  const message = (status: number, body: unknown = null) =>
    authFailureMessage(HealthSyncError.fromResponse(status, body, '/api/auth/token/'), t);

  it('tells a wrong password from a server that cannot be reached', () => {
    expect(message(401, { error_code: 'INVALID_CREDENTIALS', detail: 'No' })).toBe(
      t('signIn.error.credentials'),
    );
    expect(message(400, { error_code: 'VALIDATION_ERROR', detail: 'x', errors: {} })).toBe(
      t('signIn.error.credentials'),
    );
    expect(message(502)).toBe(t('signIn.error.network'));
    expect(authFailureMessage(HealthSyncError.local('NETWORK_ERROR', 'offline'), t)).toBe(
      t('signIn.error.network'),
    );
  });

  it('asks to wait after too many attempts, and says little about anything else', () => {
    expect(message(429)).toBe(t('signIn.error.rateLimited'));
    expect(message(500)).toBe(t('signIn.error.server'));
    expect(authFailureMessage(new Error('bug'), t)).toBe(t('signIn.error.server'));
  });
});
