import { z } from 'zod';
import {
  dateRejectionMessage,
  parseCalendarDate,
  parseTimestamp,
  type DateRejection,
} from './timestamp';

export const Uuid = z.uuid();

/** Any ISO 8601 timestamp with a zone, as the server prints them (six fractional digits). */
export const WireTimestamp = z.string().meta({
  format: 'date-time',
  example: '2024-01-21T16:45:30.123456Z',
});

/** Text that `parse` (contracts' one date parser) accepts; the message says why not. */
const parsedBy = (
  parse: (text: string) => { ok: true } | { ok: false; reason: DateRejection },
  kind: 'date' | 'timestamp',
  example: string,
) =>
  z
    .string()
    .superRefine((value, ctx) => {
      const parsed = parse(value);
      if (!parsed.ok)
        ctx.addIssue({ code: 'custom', message: dateRejectionMessage(parsed.reason, kind) });
    })
    .meta({ format: kind === 'date' ? 'date' : 'date-time', example });

/** A timestamp in a request: ISO 8601 with a zone, storable (see `parseTimestamp`). */
export const InputTimestamp = parsedBy(parseTimestamp, 'timestamp', '2024-01-20T10:00:00Z');

/** A calendar date `YYYY-MM-DD` as the server prints it. */
export const WireDate = z.string().meta({ format: 'date', example: '1978-03-14' });

/** A calendar date in a request: YYYY-MM-DD, 0001–9999, a day that exists. */
export const CalendarDate = parsedBy(parseCalendarDate, 'date', '1978-03-14');

/** A JSON object as the server prints it (a row's data, identifiers, a conflict's sides). */
export const JsonObject = z.record(z.string(), z.unknown());

/**
 * The most characters of JSON one object field of a request may hold (a FHIR resource, a
 * patient's identifiers, one change's payload): a record is a clinical note, not a file store.
 */
export const MAX_JSON_FIELD_LENGTH = 64 * 1024;
/** The deepest a request body may nest (objects and arrays); the API checks it before parsing. */
export const MAX_JSON_DEPTH = 64;

/** A JSON object in a request, at most MAX_JSON_FIELD_LENGTH characters of JSON. */
export const JsonObjectInput = JsonObject.superRefine((value, ctx) => {
  const length = JSON.stringify(value).length;
  if (length > MAX_JSON_FIELD_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message: `Too large: ${length} characters of JSON, at most ${MAX_JSON_FIELD_LENGTH}.`,
    });
  }
});

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
