'use client';

import type { PullProgress } from '@healthsync/sync-client';
import { useI18n } from '../i18n/i18n-provider';

/**
 * A long pull (a first sync, a phone back after days offline): what is coming down, n of about
 * m, and a progress bar (indeterminate from a server that sends no estimate).
 */
export function DownloadProgress({ progress }: { progress: PullProgress }) {
  const { t } = useI18n();
  const total = progress.total === null ? null : Math.max(progress.total, progress.pulled);
  // Before the first page, and for the everyday pull that fits in one page: nothing to count.
  if (!progress.table || (total !== null && progress.pulled >= total))
    return <>{t('sync.syncing')}</>;
  const what = t(`conflicts.table.${progress.table}`);
  return (
    <span data-testid="download-progress" className="inline-flex flex-wrap items-center gap-x-2">
      <span>
        {total === null
          ? t('sync.downloadingCount', { what, pulled: progress.pulled })
          : t('sync.downloading', { what, pulled: progress.pulled, total })}
      </span>
      <progress
        aria-label={t('sync.downloadProgress')}
        className="h-2 w-24 accent-brand-700"
        max={total ?? undefined}
        value={total === null ? undefined : progress.pulled}
      />
    </span>
  );
}
