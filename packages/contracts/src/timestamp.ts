/**
 * Dates and timestamps: the one parser that decides which the API accepts, and the format of
 * change stamps.
 *
 * Accepted, in RFC 3339 / ISO 8601 extended form:
 * - timestamp `YYYY-MM-DD` `T` `HH:MM[:SS[.fraction]]` zone. `t` or a space may stand for `T`; the
 *   fraction has 1–9 digits after `.` or `,` (cut to microseconds, as PostgreSQL keeps them); the
 *   zone is `Z`, `z`, `±HH`, `±HHMM` or `±HH:MM` (up to 23:59; `-00:00` is UTC). A space in place
 *   of the offset's `+` (an unencoded `+` in a query string) is read as `+`. A zone is required.
 * - date `YYYY-MM-DD`.
 * - the year has four digits and the instant (after its offset) lies within 0001-01-01T00:00:00Z
 *   … 9999-12-31T23:59:59.999999Z: PostgreSQL (timestamptz, date) and JavaScript hold all of it,
 *   and it prints back in the same form. Year 0000 (PostgreSQL has none), five-digit and signed
 *   years are refused.
 * - the date must exist (2026-02-30 is refused); hours 00–23, minutes and seconds 00–59: 24:00
 *   and leap seconds are refused (a JavaScript Date cannot hold them).
 * - nothing else: no surrounding spaces, no week or ordinal dates, no zone names.
 *
 * Change stamps are microseconds since the Unix epoch, on the wire with six fractional digits
 * (`2024-01-21T16:45:30.123456Z`). A Date holds milliseconds only, so stamps travel as bigint /
 * string and never through Date.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?)?$/;
/** Longer input is no timestamp; the regular expressions never see it. */
const MAX_LENGTH = 40;

const MICROS_PER_DAY = 86_400_000_000n;
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, in µs since the epoch. */
export const MIN_TIMESTAMP_MICROS = BigInt(daysFromCivil(1, 1, 1)) * MICROS_PER_DAY;
export const MAX_TIMESTAMP_MICROS = BigInt(daysFromCivil(10_000, 1, 1)) * MICROS_PER_DAY - 1n;

/** Why a text was refused: not the format, no zone, no such date or time, outside 0001–9999. */
export type DateRejection = 'format' | 'zone' | 'range' | 'year';

export type TimestampParseResult =
  { ok: true; micros: bigint } | { ok: false; reason: DateRejection };
export type CalendarDateParseResult =
  { ok: true; days: number } | { ok: false; reason: DateRejection };

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The day number of a calendar date given as digits, or why there is none. */
function dayNumber(y: string, m: string, d: string): CalendarDateParseResult {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1) return { ok: false, reason: 'year' };
  if (month < 1 || month > 12) return { ok: false, reason: 'range' };
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > monthDays) return { ok: false, reason: 'range' };
  return { ok: true, days: daysFromCivil(year, month, day) };
}

/** Parses a calendar date `YYYY-MM-DD` (years 0001–9999, a day that exists). */
export function parseCalendarDate(input: string): CalendarDateParseResult {
  const match = input.length === 10 ? DATE.exec(input) : null;
  if (!match) return { ok: false, reason: 'format' };
  return dayNumber(match[1]!, match[2]!, match[3]!);
}

/** Parses a timestamp with a zone, as the header comment describes, to µs since the epoch. */
export function parseTimestamp(input: string): TimestampParseResult {
  if (input.length > MAX_LENGTH) return { ok: false, reason: 'format' };
  const match = TIMESTAMP.exec(input.replace(/ (\d{2}(?::?\d{2})?)$/, '+$1'));
  if (!match) return { ok: false, reason: ZONELESS.test(input) ? 'zone' : 'format' };
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = match;
  const date = dayNumber(y!, mo!, d!);
  if (!date.ok) return date;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'range' };
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone!.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const extraMinutes = Number(digits.slice(2) || '0');
    if (offsetHours > 23 || extraMinutes > 59) return { ok: false, reason: 'range' };
    offsetMinutes = (zone!.startsWith('-') ? -1 : 1) * (offsetHours * 60 + extraMinutes);
  }
  const seconds = ((date.days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second;
  const micros = BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
  if (micros < MIN_TIMESTAMP_MICROS || micros > MAX_TIMESTAMP_MICROS) {
    return { ok: false, reason: 'year' };
  }
  return { ok: true, micros };
}

/** What to tell a person whose date or timestamp was refused. */
export function dateRejectionMessage(reason: DateRejection, kind: 'date' | 'timestamp'): string {
  const example = kind === 'date' ? '1978-03-14' : '2024-01-20T10:00:00Z';
  switch (reason) {
    case 'zone':
      return `Timestamp needs a time zone (e.g. ${example}).`;
    case 'range':
      return 'No such date or time (e.g. 2026-02-30, 24:00 or a leap second).';
    case 'year':
      return 'Year must be between 0001 and 9999.';
    case 'format':
      return kind === 'date'
        ? `Invalid date format. Use YYYY-MM-DD, e.g. ${example}.`
        : `Invalid timestamp format. Use ISO 8601 format, e.g. ${example}.`;
  }
}

/** The instant of a timestamp as a Date (µs cut to ms). Throws on text the parser refuses. */
export function timestampToDate(text: string): Date {
  const parsed = parseTimestamp(text);
  if (!parsed.ok) throw new RangeError(`Not a timestamp (${parsed.reason})`);
  return new Date(Number(floorDiv(parsed.micros, 1000n)));
}

/** A calendar date as the Date of its midnight UTC (how Prisma writes a `date` column). */
export function calendarDateToDate(text: string): Date {
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new RangeError(`Not a calendar date (${parsed.reason})`);
  return new Date(parsed.days * 86_400_000);
}

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : (a - b + 1n) / b);

/** Formats microseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function formatMicros(micros: bigint): string {
  const millis = floorDiv(micros, 1000n);
  const subMillis = Number(micros - millis * 1000n);
  const iso = new Date(Number(millis)).toISOString(); // ...SS.mmmZ
  return `${iso.slice(0, -1)}${String(subMillis).padStart(3, '0')}Z`;
}

/** Formats a Date at the same six-digit precision as stamps, so every timestamp on the wire has one shape. */
export function formatDate(date: Date): string {
  return formatMicros(BigInt(date.getTime()) * 1000n);
}

export function microsFromDate(date: Date): bigint {
  return BigInt(date.getTime()) * 1000n;
}

/** Compares two wire timestamps exactly (µs), for clients that must not go through Date. */
export function compareTimestamps(a: string, b: string): number {
  const pa = parseTimestamp(a);
  const pb = parseTimestamp(b);
  if (!pa.ok || !pb.ok) throw new Error(`Not a timestamp: ${pa.ok ? b : a}`);
  return pa.micros < pb.micros ? -1 : pa.micros > pb.micros ? 1 : 0;
}
