import type { StoredEntity } from './synced-entities';

/**
 * The wire rows of the sync feed, rendered by PostgreSQL (`row_to_json`) rather than by Prisma and
 * the `*ToWire` functions: a first sync moves every row in scope, and this is most of its cost.
 * The output must equal `JSON.stringify(xToWire(row))` once parsed; wire-sql.test.ts holds every
 * entity to that. Each list reads the row as alias `t`, in the key order of its `*ToWire`.
 */

/** A change stamp (µs since the epoch) as `formatMicros` writes it. */
export const stampText = (column: string) =>
  `to_char(timestamp 'epoch' + ${column} * interval '1 microsecond', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A timestamptz as `formatDate` writes a JS Date: milliseconds (truncated, as Date holds them), then 000. */
const dateText = (column: string) =>
  `to_char(date_trunc('milliseconds', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"000Z"')`;

const nullableDateText = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL ELSE ${dateText(column)} END`;

/** `jsonObject`: a JSON object as it is, anything else as {}. */
const jsonObject = (column: string) =>
  `CASE WHEN jsonb_typeof(${column}) = 'object' THEN ${column} ELSE '{}'::jsonb END`;

const syncFields = (updatedAt = 'updated_at') => [
  't.id',
  't.server_version',
  `${dateText('t.created_at')} AS created_at`,
  `${stampText('t.stamp')} AS ${updatedAt}`,
  `${nullableDateText('t.last_synced_at')} AS last_synced_at`,
  't.deleted',
];

const WIRE_COLUMNS: Record<StoredEntity, string[]> = {
  Patient: [
    ...syncFields(),
    't.owner_id AS owner',
    't.name',
    `to_char(t.dob, 'YYYY-MM-DD') AS dob`,
    't.gender',
    't.phone_number',
    't.address',
    `${jsonObject('t.identifiers')} AS identifiers`,
    `CASE WHEN t.fhir IS NULL OR jsonb_typeof(t.fhir) = 'null' THEN NULL ELSE ${jsonObject('t.fhir')} END AS fhir`,
    't.facility_id',
  ],
  Doctor: [
    ...syncFields(),
    't.name',
    't.specialization',
    't.phone_number',
    't.facility_id',
    't.user_id',
  ],
  Appointment: [
    ...syncFields(),
    't.patient_id',
    't.doctor_id',
    `${dateText('t.appointment_date')} AS appointment_date`,
    't.status',
    't.symptoms',
    't.diagnosis',
    't.prescription',
    't.facility_id',
  ],
  HealthRecord: [
    ...syncFields(),
    't.patient_id AS patient',
    't.resource_type',
    `${jsonObject('t.data')} AS data`,
    't.facility_id',
  ],
  Pharmacy: [...syncFields(), 't.name', 't.address', 't.village', 't.facility_id'],
  Medicine: [...syncFields(), 't.name', 't.strength', 't.form'],
  InventoryItem: [
    't.id',
    't.pharmacy_id',
    '(SELECT name FROM pharmacy WHERE id = t.pharmacy_id) AS pharmacy_name',
    't.medicine_id',
    '(SELECT name FROM medicine WHERE id = t.medicine_id) AS medicine_name',
    't.quantity_available',
    't.server_version',
    `${dateText('t.created_at')} AS created_at`,
    `${stampText('t.stamp')} AS last_updated`,
    `${nullableDateText('t.last_synced_at')} AS last_synced_at`,
    't.deleted',
  ],
};

/** SQL for the wire JSON (text) of the row aliased `t` in the enclosing query, e.g. one just written. */
export function wireJsonOfRowSql(entity: StoredEntity): string {
  return `(SELECT row_to_json(w)::text FROM (SELECT ${WIRE_COLUMNS[entity].join(', ')}) w)`;
}

/** SQL for the wire JSON (text) of the row of `table` whose id is `idSql`; NULL if there is none. */
export function wireRowSql(entity: StoredEntity, table: string, idSql: string): string {
  return `(SELECT row_to_json(w)::text FROM (SELECT ${WIRE_COLUMNS[entity].join(', ')} FROM "${table}" t WHERE t.id = ${idSql}) w)`;
}
