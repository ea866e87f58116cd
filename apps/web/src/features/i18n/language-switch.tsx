'use client';

import { useId } from 'react';
import { useI18n } from './i18n-provider';
import { LOCALE_NAMES, LOCALES, isLocale } from './locales';

export function LanguageSwitch() {
  const id = useId();
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        {t('language.label')}
      </label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
        className="min-h-11 rounded-lg border border-white/60 bg-brand-800 px-2 text-base text-white"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
