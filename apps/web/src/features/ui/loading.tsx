'use client';

import { useT } from '../i18n/i18n-provider';

export function Loading() {
  const t = useT();
  return (
    <p className="py-6 text-base text-slate-700" aria-busy="true">
      {t('common.loading')}
    </p>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <p role="alert" className="rounded-lg bg-amber-50 px-3 py-3 text-base text-amber-900">
      {t('common.notFound')}
    </p>
  );
}
