/**
 * Building blocks of the wire rows the sync feed renders in PostgreSQL (`row_to_json`) rather than
 * by Prisma and the `*ToWire` functions: a first sync moves every row in scope, and this is most
 * of its cost. Each entity lists its columns (entities/<entity>.ts `wireColumns`) from these; the
 * output must equal `JSON.stringify(xToWire(row))` once parsed (wire-sql.test.ts).
 */

/** A change stamp (µs since the epoch) as `formatMicros` writes it. */
export const stampText = (column: string) =>
  `to_char(timestamp 'epoch' + ${column} * interval '1 microsecond', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A timestamptz as `formatDate` writes a JS Date: milliseconds (truncated, as Date holds them), then 000. */
export const dateText = (column: string) =>
  `to_char(date_trunc('milliseconds', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"000Z"')`;

export const nullableDateText = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL ELSE ${dateText(column)} END`;

/** `jsonObject`: a JSON object as it is, anything else as {}. */
export const jsonObjectSql = (column: string) =>
  `CASE WHEN jsonb_typeof(${column}) = 'object' THEN ${column} ELSE '{}'::jsonb END`;

/** The sync fields every row starts with (`syncFieldsToWire`). */
export const syncFields = (updatedAt = 'updated_at') => [
  't.id',
  't.server_version',
  `${dateText('t.created_at')} AS created_at`,
  `${stampText('t.stamp')} AS ${updatedAt}`,
  `${nullableDateText('t.last_synced_at')} AS last_synced_at`,
  't.deleted',
];
