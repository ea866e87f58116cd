import { errorKindOf } from '@healthsync/contracts';
import type { SyncErrorInfo } from '@healthsync/sync-client';
import type { Translate } from '../i18n/i18n-provider';

/** A sync failure in words a health worker can act on. */
export function describeSyncError(error: SyncErrorInfo, t: Translate): string {
  if (error.code === 'NETWORK_ERROR') return t('sync.error.network');
  if (error.code === 'PAYLOAD_TOO_LARGE') return t('sync.error.tooLarge');
  if (error.code && errorKindOf(error.code) === 'server') return t('sync.error.server');
  if (error.code === 'PERMISSION_DENIED') return t('sync.error.forbidden');
  return t('sync.error.other', { detail: error.message.slice(0, 120) });
}
