'use client';

import type { RowSyncState } from '@healthsync/sync-client';
import { useT } from '../i18n/i18n-provider';

/** "Not synced yet" / "Conflict" next to a row the server does not have as shown. */
export function SyncBadge({ sync }: { sync: RowSyncState }) {
  const t = useT();
  if (sync.conflictId) {
    return (
      <span className="inline-flex shrink-0 items-center rounded-full bg-red-100 px-2 py-0.5 text-sm font-semibold text-red-900">
        {t('badge.conflict')}
      </span>
    );
  }
  if (!sync.pending) return null;
  return (
    <span className="inline-flex shrink-0 items-center rounded-full bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-900">
      {t('badge.notSynced')}
    </span>
  );
}
