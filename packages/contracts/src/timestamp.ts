/**
 * Change stamps: microseconds since the Unix epoch, carried on the wire as ISO 8601 strings with six
 * fractional digits (`2024-01-21T16:45:30.123456Z`). A JavaScript Date holds milliseconds only, so
 * stamps travel as bigint / string and never through Date.
 */

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+\- ]\d{2}(?::?\d{2})?)$/;

export type TimestampParseResult =
  { ok: true; micros: bigint } | { ok: false; reason: 'format' | 'zone' | 'range' };

/** Parses an ISO 8601 timestamp that carries a zone. A space where the `+` of an offset was
 * (an unencoded `+` in a query string) is read as `+`. */
export function parseTimestamp(input: string): TimestampParseResult {
  const text = input.trim().length === input.length ? input : input.trimStart();
  const match = ISO_TIMESTAMP.exec(text.replace(/ (\d{2}(?::?\d{2})?)$/, '+$1'));
  if (!match) {
    const zoneless = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?)?$/.test(text);
    return { ok: false, reason: zoneless ? 'zone' : 'format' };
  }
  const [, y, mo, d, h, mi, s = '0', frac = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'range' };
  }
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(millis);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) {
    return { ok: false, reason: 'range' };
  }
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) return { ok: false, reason: 'range' };
    offsetMinutes = sign * (oh * 60 + om);
  }
  const micros =
    BigInt(millis) * 1000n +
    BigInt(frac.padEnd(6, '0').slice(0, 6)) -
    BigInt(offsetMinutes) * 60_000_000n;
  return { ok: true, micros };
}

/** Formats microseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function formatMicros(micros: bigint): string {
  const millis = micros >= 0n ? micros / 1000n : (micros - 999n) / 1000n;
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
