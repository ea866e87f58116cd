'use client';

import { useEffect, useState } from 'react';
import type { Workbox } from 'workbox-window';
import { isProduction } from '../../env';
import { useT } from '../i18n/i18n-provider';
import { requestPersistentStorage } from './persistent-storage';

/**
 * Registers /sw.js through workbox-window. A new version waits until the user accepts the
 * "update available" prompt (never mid-edit); then it takes over and the page reloads once.
 */
export function ServiceWorker() {
  const t = useT();
  const [waiting, setWaiting] = useState<Workbox | null>(null);

  useEffect(() => {
    void requestPersistentStorage();
    if (!isProduction || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    void import('workbox-window').then(({ Workbox: WorkboxClass }) => {
      if (cancelled) return;
      const wb = new WorkboxClass('/sw.js');
      wb.addEventListener('waiting', () => setWaiting(wb));
      void wb.register();
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (!waiting) return null;

  function update() {
    if (!waiting) return;
    let reloading = false;
    const reload = () => {
      if (reloading) return;
      reloading = true;
      window.location.reload();
    };
    waiting.addEventListener('controlling', reload);
    navigator.serviceWorker.addEventListener('controllerchange', reload);
    waiting.messageSkipWaiting();
    // Also straight to the registration's waiting worker: workbox-window tracks only the worker
    // its own register() call saw, and the update may have been found by another check.
    void navigator.serviceWorker
      .getRegistration()
      .then((registration) => registration?.waiting?.postMessage({ type: 'SKIP_WAITING' }));
  }

  return (
    <div
      role="alert"
      data-testid="update-available"
      className="fixed inset-x-0 bottom-16 z-30 mx-auto flex max-w-md print:hidden flex-wrap items-center justify-between gap-2 rounded-xl bg-brand-800 px-4 py-3 text-white shadow-lg"
    >
      <p className="text-base">{t('pwa.updateAvailable')}</p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={() => setWaiting(null)}
          className="min-h-11 rounded-lg px-3 text-base underline underline-offset-4"
        >
          {t('pwa.later')}
        </button>
        <button
          type="button"
          onClick={update}
          className="min-h-11 rounded-lg bg-white px-4 text-base font-semibold text-brand-800"
        >
          {t('pwa.reload')}
        </button>
      </div>
    </div>
  );
}
