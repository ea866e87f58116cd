'use client';

import { useT } from '../i18n/i18n-provider';
import { useWorkList } from '../worklist/use-worklist';

/**
 * "Today" with the work list's item count; its accessible name says it in words. Its own chunk
 * (main-nav.tsx loads it once the local store is open): the work list's queries are not part of
 * the unlock screen's first load.
 */
export function TodayWithCount() {
  const t = useT();
  const { total } = useWorkList();
  return (
    <>
      <span aria-hidden="true">
        {t('nav.today')}
        <span className="ms-1 inline-block min-w-6 rounded-full bg-white px-1.5 text-brand-800">
          {total}
        </span>
      </span>
      <span className="sr-only">{t('nav.todayCount', { count: total })}</span>
    </>
  );
}
