import { z } from 'zod';
import { parseTimestamp } from './timestamp';

export const Uuid = z.uuid();

/** Any ISO 8601 timestamp with a zone, as the server prints them (six fractional digits). */
export const WireTimestamp = z.string().meta({
  format: 'date-time',
  example: '2024-01-21T16:45:30.123456Z',
});

/** A timestamp in a request: ISO 8601 and it must carry a zone. */
export const InputTimestamp = z.string().superRefine((value, ctx) => {
  const parsed = parseTimestamp(value);
  if (!parsed.ok) {
    ctx.addIssue({
      code: 'custom',
      message:
        parsed.reason === 'zone'
          ? 'Timestamp needs a time zone (e.g. 2024-01-20T10:00:00Z).'
          : 'Invalid timestamp format. Use ISO 8601 format, e.g. 2024-01-20T10:00:00Z.',
    });
  }
});

/** Calendar date `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date();

export const JsonObject = z.record(z.string(), z.unknown());

/** Columns every synced row carries on the wire. */
export const syncedRowFields = {
  id: Uuid,
  server_version: z.int().min(1),
  created_at: WireTimestamp,
  updated_at: WireTimestamp,
  last_synced_at: WireTimestamp.nullable(),
  deleted: z.boolean(),
};

/** Trailing strings are trimmed; empty optional text becomes null. */
export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const IdParams = z.object({ id: Uuid });
