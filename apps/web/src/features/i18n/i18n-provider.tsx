'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { DEFAULT_LOCALE, isLocale } from './locales';
import type { Locale } from './locales';
import { loadMessages } from './messages';
import { translator } from './translate';
import type { Translate } from './translate';

export type { Translate } from './translate';

const STORAGE_KEY = 'healthsync.locale';

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** Switches once the language's dictionary is here (screens never show a half-loaded language). */
function showWhenLoaded(locale: Locale, show: (locale: Locale) => void): void {
  loadMessages(locale).then(
    () => show(locale),
    () => undefined, // not reachable (offline before the first full load): stay as shown
  );
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(DEFAULT_LOCALE);

  useEffect(() => {
    // The static HTML is English; the stored choice applies right after hydration.
    showWhenLoaded(readStoredLocale(), setLocaleState);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    showWhenLoaded(next, setLocaleState);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage unavailable: the choice lasts for this page only.
    }
  }, []);

  const value = useMemo<I18nValue>(
    () => ({ locale, setLocale, t: translator(locale) }),
    [locale, setLocale],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() needs an <I18nProvider> above it');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
