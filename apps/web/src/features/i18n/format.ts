import { INTL_LOCALES } from './locales';
import type { Locale } from './locales';

export function formatDateTime(locale: Locale, value: string | number | Date): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(value));
}

export function formatDay(locale: Locale, value: string | number | Date): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'medium' }).format(
    new Date(value),
  );
}

export function formatTime(locale: Locale, value: string | number | Date): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { timeStyle: 'short' }).format(
    new Date(value),
  );
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "just now"-style wording in the reader's language. */
export function formatAgo(locale: Locale, at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  const format = new Intl.RelativeTimeFormat(INTL_LOCALES[locale], { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  }
  return format.format(0, 'second');
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(INTL_LOCALES[locale]).format(value);
}
