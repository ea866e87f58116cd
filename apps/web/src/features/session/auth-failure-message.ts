import { HealthSyncError } from '@healthsync/contracts';
import type { Translate } from '../i18n/i18n-provider';

export function authFailureMessage(error: unknown, t: Translate): string {
  if (!(error instanceof HealthSyncError)) return t('signIn.error.server');
  if (error.unreachable) return t('signIn.error.network');
  if (error.kind === 'auth' || error.kind === 'validation') return t('signIn.error.credentials');
  if (error.kind === 'rate_limited') return t('signIn.error.rateLimited');
  return t('signIn.error.server');
}
