export const LOCALES = ['en', 'hi', 'pa'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in its own script, so a reader finds theirs whatever is showing. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  hi: 'हिन्दी',
  pa: 'ਪੰਜਾਬੀ',
};

/** BCP 47 tags for each language's Intl rules (plural categories). */
export const INTL_LOCALES: Record<Locale, string> = {
  en: 'en-IN',
  hi: 'hi-IN',
  pa: 'pa-IN',
};

/** A language's tag with Latin digits pinned (`-u-nu-latn`): never ०-९ or ੦-੯ in a clinical number. */
export function intlLocale(locale: Locale): string {
  return `${INTL_LOCALES[locale]}-u-nu-latn`;
}

/**
 * Numbers and the numeric parts of dates, in every language: Latin digits, Indian grouping
 * (1,00,000). Browsers do not all carry Hindi and Punjabi data (desktop Chromium has no Punjabi
 * month names, grouping or relative times: it prints "2024 M12 5" and "yesterday"), so words
 * come from the dictionary and only numbers from Intl, through a locale every browser has.
 */
export const NUMERIC_LOCALE = 'en-IN-u-nu-latn';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
