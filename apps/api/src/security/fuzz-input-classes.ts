import fc from 'fast-check';
import { MAX_JSON_DEPTH, MAX_JSON_FIELD_LENGTH } from '@healthsync/contracts';

/**
 * Input classes that once reached Date or the database unchecked (issue 13): timestamps with every
 * offset form, comma fractions, lowercase t/z, years 0000 and 10000+, days and times that do not
 * exist; bodies nested far too deep; strings around and beyond the size of one JSON field.
 */

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Years at and beyond both ends of 0001–9999, and ordinary ones. */
const year = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(0, 1, 99, 1969, 1970, 2024, 2026, 9999, 10_000, 12_345) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_500 }) },
);
const yearText = year.map((y) => (y > 9999 ? String(y) : pad(y, 4)));

/** YYYY-MM-DD with months 00–13 and days 00–32: most exist, some do not. */
export const dateText: fc.Arbitrary<string> = fc
  .tuple(yearText, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`);

const zone = fc.oneof(
  fc.constantFrom('Z', 'z', '', '+00:00', '-00:00'),
  fc
    .record({
      sign: fc.constantFrom('+', '-', ' '),
      hours: fc.integer({ min: 0, max: 25 }),
      minutes: fc.constantFrom(0, 30, 45, 59, 60),
      form: fc.constantFrom('HH', 'HHMM', 'HH:MM'),
    })
    .map(({ sign, hours, minutes, form }) => {
      const hh = pad(hours, 2);
      const mm = pad(minutes, 2);
      return sign + (form === 'HH' ? hh : form === 'HHMM' ? `${hh}${mm}` : `${hh}:${mm}`);
    }),
);

const fraction = fc.option(
  fc
    .tuple(fc.constantFrom('.', ','), fc.integer({ min: 1, max: 10 }), fc.nat())
    .map(([separator, digits, value]) => separator + pad(value, digits).slice(-digits)),
  { nil: '' },
);

const time = fc
  .tuple(
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 60 }),
    fc.option(fc.integer({ min: 0, max: 61 }), { nil: undefined }),
    fraction,
  )
  .map(([h, m, s, f]) => `${pad(h, 2)}:${pad(m, 2)}${s === undefined ? '' : `:${pad(s, 2)}${f}`}`);

/** ISO-8601-shaped timestamps built part by part, each part sometimes out of range. */
const structuredTimestamp = fc
  .tuple(dateText, fc.constantFrom('T', 't', ' '), time, zone)
  .map((parts) => parts.join(''));

/** The texts issue 13 found, and their neighbours. */
const knownTimestamps = fc.constantFrom(
  '2026-01-01T10:00:00+05',
  '2026-01-01T10:00:00+0530',
  '2026-01-01T10:00:00-0330',
  '2026-01-01T10:00:00,5Z',
  '2026-01-01T10:00:00,123456789+05:30',
  '2026-01-01t10:00:00z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59.999999Z',
  '9999-12-31T23:59:59-01:00',
  '10000-01-01T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2024-02-29T00:00:00Z',
  '2026-04-31T00:00:00Z',
  '2016-12-31T23:59:60Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T10:00:00+24:00',
);

/** Timestamps of every class above, plus what the server handed out (cursors) and plain ones. */
export const timestampText = (cursors: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: knownTimestamps },
    { weight: 3, arbitrary: structuredTimestamp },
    fc.constantFrom(
      '1970-01-01T00:00:00Z',
      '2026-01-01T00:00:00.123456Z',
      '2026-01-01T00:00:00.123456001Z',
      '2026-01-01T00:00:00',
      '2026-01-01 00:00:00',
      '2026-01-01T00:00:00+05:30',
      '2026-01-01T00:00:00 05:30',
      '-000001-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '2026-13-45T25:61:61Z',
      '1700000000',
      'now',
    ),
    ...(cursors.length ? [fc.constantFrom(...cursors)] : []),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );

/** Calendar dates: year 0000, 10000+, days that do not exist, and other formats. */
export const calendarDateText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '1990-05-17',
      '0000-01-01',
      '0000-06-15',
      '0000-12-31',
      '0001-01-01',
      '9999-12-31',
      '10000-01-01',
      '2026-02-29',
      '2024-02-29',
      '2026-02-30',
      '17/05/1990',
      '1990-05-17T00:00:00Z',
    ),
  },
  { weight: 1, arbitrary: dateText },
);

const DEEP_MARK = '__fuzz_deep__';

/**
 * A value nested around and far beyond MAX_JSON_DEPTH, as a marker `expandDeep` replaces in the
 * JSON text (JSON.stringify itself could not build 100,000 levels).
 */
export const deepValue: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(MAX_JSON_DEPTH - 4, MAX_JSON_DEPTH + 1, 500, 5_000, 20_000, 100_000),
    fc.constantFrom('array', 'object'),
  )
  .map(([depth, kind]) => `${DEEP_MARK}${depth}:${kind}`);

export function expandDeep(json: string): string {
  return json.replace(
    new RegExp(`"${DEEP_MARK}(\\d+):(array|object)"`, 'g'),
    (_, depth: string, kind: string) => {
      const n = Number(depth);
      return kind === 'array'
        ? '['.repeat(n) + ']'.repeat(n)
        : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    },
  );
}

/** Strings just within and just beyond one JSON field's bound, and far beyond. */
export const hugeText: fc.Arbitrary<string> = fc
  .constantFrom(MAX_JSON_FIELD_LENGTH - 200, MAX_JSON_FIELD_LENGTH + 1, 200_000)
  .map((length) => 'h'.repeat(length));
