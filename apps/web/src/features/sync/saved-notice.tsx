'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n-provider';

type Notify = () => void;

const SavedNoticeContext = createContext<Notify>(() => {});

/**
 * After every local edit: "Saved on this device — will sync", so nobody re-enters a record for
 * fear it was lost. The live region is always in the page, so screen readers announce each notice.
 */
export function SavedNoticeProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const [shownAt, setShownAt] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const notify = useCallback(() => {
    setShownAt(Date.now());
  }, []);

  useEffect(() => {
    if (shownAt === null) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setShownAt(null), 6000);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [shownAt]);

  return (
    <SavedNoticeContext.Provider value={notify}>
      {children}
      <div
        role="status"
        aria-live="polite"
        data-testid="saved-notice"
        className="pointer-events-none fixed inset-x-0 bottom-3 z-20 flex justify-center px-3 print:hidden"
      >
        {shownAt !== null ? (
          <p className="flex items-center gap-2 rounded-lg bg-slate-900 px-4 py-3 text-base text-white shadow-lg">
            <svg
              aria-hidden="true"
              viewBox="0 0 20 20"
              className="size-5 shrink-0 fill-emerald-300"
            >
              <path d="M8 13.6 4.4 10 3 11.4l5 5 9-9L15.6 6z" />
            </svg>
            {t('saved.onDevice')}
          </p>
        ) : null}
      </div>
    </SavedNoticeContext.Provider>
  );
}

export function useSavedNotice(): Notify {
  return useContext(SavedNoticeContext);
}
