import { NUMERIC_LOCALE } from './locales';
import type { Locale } from './locales';
import { translate } from './translate';

type DateInput = string | number | Date;

/** A date-only value ("1985-03-02") is a calendar day, not an instant: no time zone may move it. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

const NUMERIC_PARTS: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
};
const inPhoneZone = new Intl.DateTimeFormat(NUMERIC_LOCALE, NUMERIC_PARTS);
const inUtc = new Intl.DateTimeFormat(NUMERIC_LOCALE, { ...NUMERIC_PARTS, timeZone: 'UTC' });

/** Day, month (1-12), year and "10:00 am", in the phone's time zone (a calendar day as named). */
function partsOf(value: DateInput) {
  const calendarDay = typeof value === 'string' && CALENDAR_DAY.test(value);
  const parts = (calendarDay ? inUtc : inPhoneZone).formatToParts(new Date(value));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: part('day'),
    month: part('month'),
    year: part('year'),
    time: `${part('hour')}:${part('minute')} ${part('dayPeriod')}`,
  };
}

/**
 * A day with its month in full: "5 December 2024", "5 दिसंबर 2024", "5 ਦਸੰਬਰ 2024" (CLDR's short
 * Punjabi months, ਦਸੰ or ਸਤੰ, read as misspellings). A date-only value is shown as the day it names.
 */
export function formatDay(locale: Locale, value: DateInput): string {
  const { day, month, year } = partsOf(value);
  return translate(locale, 'date.day', {
    day,
    month: translate(locale, 'date.month', { month }),
    year,
  });
}

/** A moment in the phone's time zone: "5 December 2024, 10:00 am". */
export function formatDateTime(locale: Locale, value: DateInput): string {
  return translate(locale, 'date.dateTime', {
    date: formatDay(locale, new Date(value)),
    time: partsOf(value).time,
  });
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "yesterday", "3 days ago", as each language says them. */
export function formatAgo(locale: Locale, at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return translate(locale, 'time.justNow');
  if (elapsed < HOUR)
    return translate(locale, 'time.minutesAgo', { count: Math.floor(elapsed / MINUTE) });
  if (elapsed < DAY)
    return translate(locale, 'time.hoursAgo', { count: Math.floor(elapsed / HOUR) });
  const days = Math.floor(elapsed / DAY);
  return days === 1
    ? translate(locale, 'time.yesterday')
    : translate(locale, 'time.daysAgo', { count: days });
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** Latin digits, Indian grouping (1,00,000), in every language; at most `maximumFractionDigits` decimals. */
export function formatNumber(value: number, maximumFractionDigits = 3): string {
  let format = numberFormats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat(NUMERIC_LOCALE, { maximumFractionDigits });
    numberFormats.set(maximumFractionDigits, format);
  }
  return format.format(value);
}

const INDIC_DIGITS = /[\u0966-\u096F\u0A66-\u0A6F]/g;

/** Devanagari (०-९) and Gurmukhi (੦-੯) digits as 0-9, as an Indic keyboard may type them. */
export function latinDigits(text: string): string {
  // ० is U+0966 and ੦ is U+0A66: the digit is the distance from zero, in either block.
  return text.replace(INDIC_DIGITS, (digit) =>
    String(((digit.codePointAt(0) ?? 0) - 0x966) % 0x100),
  );
}

/** The calendar day of a moment on this phone, YYYY-MM-DD (follow-up dates compare as text). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
