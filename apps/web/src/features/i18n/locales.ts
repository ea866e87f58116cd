export const LOCALES = ['en', 'hi', 'pa'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in its own script, so a reader finds theirs whatever is showing. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  hi: 'हिन्दी',
  pa: 'ਪੰਜਾਬੀ',
};

/** BCP 47 tags for Intl formatting (Indian conventions for dates and numbers). */
export const INTL_LOCALES: Record<Locale, string> = {
  en: 'en-IN',
  hi: 'hi-IN',
  pa: 'pa-IN',
};

/**
 * The tag every Intl formatter gets: Latin digits pinned (`-u-nu-latn`), so a future CLDR default
 * can never switch a clinical number to ०-९ or ੦-੯; grouping stays Indian (1,00,000).
 */
export function intlLocale(locale: Locale): string {
  return `${INTL_LOCALES[locale]}-u-nu-latn`;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
