import type { Translate } from '../i18n/i18n-provider';
import { AuthError } from './auth-api';

export function authFailureMessage(error: unknown, t: Translate): string {
  const reason = error instanceof AuthError ? error.reason : 'server';
  switch (reason) {
    case 'credentials':
      return t('signIn.error.credentials');
    case 'rate_limited':
      return t('signIn.error.rateLimited');
    case 'network':
      return t('signIn.error.network');
    case 'offline_expired':
      return t('signIn.error.offlineExpired');
    case 'device_password':
      return t('signIn.error.devicePassword');
    default:
      return t('signIn.error.server');
  }
}
