import type { SyncErrorInfo } from '@healthsync/sync-client';
import type { Translate } from '../i18n/i18n-provider';

/** A sync failure in words a health worker can act on. */
export function describeSyncError(error: SyncErrorInfo, t: Translate): string {
  if (error.name === 'NetworkError') return t('sync.error.network');
  if (error.status === 413) return t('sync.error.tooLarge');
  if (error.status !== null && error.status >= 500) return t('sync.error.server');
  if (error.status === 403) return t('sync.error.forbidden');
  return t('sync.error.other', { detail: error.message.slice(0, 120) });
}
