import { intlLocale } from './locales';
import type { Locale } from './locales';
import { translate } from './translate';

type DateInput = string | number | Date;

/** A date-only value ("1985-03-02") is a calendar day, not an instant: no time zone may move it. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), options);
    formatters.set(id, format);
  }
  return format;
}

// Full month names: CLDR's short Punjabi months (ਦਸੰ, ਸਤੰ, ਅਕਤੂ) carry no abbreviation mark and read as
// misspellings, and Hindi's (दिस॰) use a sign many readers do not know.
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** A moment, in the phone's time zone: "5 December 2024 at 10:00 am", "5 दिसंबर 2024 को 10:00 am बजे". */
export function formatDateTime(locale: Locale, value: DateInput): string {
  return dateFormat(locale, { ...DAY, ...TIME }).format(new Date(value));
}

/** A day: "5 December 2024"; a date-only value is shown as the day it names. */
export function formatDay(locale: Locale, value: DateInput): string {
  const calendarDay = typeof value === 'string' && CALENDAR_DAY.test(value);
  return dateFormat(locale, calendarDay ? { ...DAY, timeZone: 'UTC' } : DAY).format(
    new Date(value),
  );
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "just now" under a minute, then "5 minutes ago", "yesterday", "3 days ago" in the reader's language. */
export function formatAgo(locale: Locale, at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  }
  // RelativeTimeFormat says "now" (अब, ਹੁਣ), which reads oddly after "Last sync:".
  return translate(locale, 'time.justNow');
}

/** Latin digits, Indian grouping (1,00,000); at most `maximumFractionDigits` decimals (default 3). */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 3): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits }).format(value);
}

const INDIC_DIGITS = /[\u0966-\u096F\u0A66-\u0A6F]/g;

/** Devanagari (०-९) and Gurmukhi (੦-੯) digits as 0-9, as an Indic keyboard may type them. */
export function latinDigits(text: string): string {
  // ० is U+0966 and ੦ is U+0A66: the digit is the distance from zero, in either block.
  return text.replace(INDIC_DIGITS, (digit) =>
    String(((digit.codePointAt(0) ?? 0) - 0x966) % 0x100),
  );
}
