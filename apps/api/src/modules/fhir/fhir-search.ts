import type {
  FhirAppointmentSearch,
  FhirDirectorySearch,
  FhirObservationSearch,
  FhirPatientSearch,
} from '@healthsync/contracts';
import type { Resource } from '@medplum/fhirtypes';
import { type Db, Prisma } from '../../db/prisma';
import type { AuthUser } from '../../core/auth-user';
import { APPOINTMENT_STATUS_OF_FHIR, appointmentToFhir } from './appointment-to-fhir';
import {
  facilityToLocation,
  facilityToOrganization,
  pharmacyToLocation,
  pharmacyToOrganization,
} from './facility-to-fhir';
import { facilityScope } from './fhir-scope';
import { identifierKeysOf, patientToFhir } from './patient-to-fhir';
import { practitionerToFhir } from './practitioner-to-fhir';
import { recordToFhir } from './record-to-fhir';
import {
  alternativesOf,
  and,
  badParam,
  dateConditions,
  idCondition,
  referenceCondition,
  stringCondition,
  tokenOf,
  valuesOf,
} from './search-params';

export type SearchPage = { resources: Resource[]; hasMore: boolean };
type Paging = { _count: number; _offset: number };
type Hit = { id: string; kind: string };

/** One page of ids (plus whether there is more) from `source`, a query yielding `id` and `kind`. */
async function pageOf(db: Db, source: Prisma.Sql, paging: Paging) {
  const rows = await db.$queryRaw<Hit[]>(
    Prisma.sql`SELECT id, kind FROM (${source}) AS hits ORDER BY id LIMIT ${paging._count + 1} OFFSET ${paging._offset}`,
  );
  return { hits: rows.slice(0, paging._count), hasMore: rows.length > paging._count };
}

/** Rows loaded by id, back in the page's order. */
function inOrder<R extends { id: string }, T>(hits: Hit[], rows: R[], build: (row: R) => T): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    return row ? [build(row)] : [];
  });
}

/** A searched table's rows of a page, loaded by id and built into resources in the page's order. */
const resourcesOf =
  <R extends { id: string }>(
    load: (db: Db, ids: string[]) => Promise<R[]>,
    build: (row: R) => Resource,
  ) =>
  async (db: Db, hits: Hit[]) =>
    inOrder(
      hits,
      await load(
        db,
        hits.map((h) => h.id),
      ),
      build,
    );

const byId = (ids: string[]) => ({ where: { id: { in: ids } } });

const SEARCHED = {
  patient: resourcesOf((db, ids) => db.patient.findMany(byId(ids)), patientToFhir),
  health_record: resourcesOf((db, ids) => db.healthRecord.findMany(byId(ids)), recordToFhir),
  appointment: resourcesOf((db, ids) => db.appointment.findMany(byId(ids)), appointmentToFhir),
  doctor: resourcesOf((db, ids) => db.doctor.findMany(byId(ids)), practitionerToFhir),
};

/** One page of a table's rows matching `where`, by id, as resources. */
async function searchTable(
  db: Db,
  table: keyof typeof SEARCHED,
  where: Prisma.Sql,
  paging: Paging,
): Promise<SearchPage> {
  const { hits, hasMore } = await pageOf(
    db,
    Prisma.sql`SELECT id::text AS id, 'row' AS kind FROM ${Prisma.raw(table)} WHERE ${where}`,
    paging,
  );
  return { resources: await SEARCHED[table](db, hits), hasMore };
}

/** The caller's facility, `_id` and `_lastUpdated`: conditions every search of a synced table has. */
const inScopeRows = (user: AuthUser, q: Pick<FhirDirectorySearch, '_id' | '_lastUpdated'>) => [
  facilityScope(user, Prisma.sql`facility_id`),
  ...idCondition(Prisma.sql`id`, q._id),
  ...dateConditions('_lastUpdated', Prisma.sql`updated_at`, q._lastUpdated),
];

/** A Map, not an object: a search value such as `constructor` must not find Object's own. */
const GENDER_WORDS = new Map([
  ['male', ['male', 'm']],
  ['female', ['female', 'f']],
  ['unknown', ['unknown', 'u']],
]);

function genderCondition(value: string): Prisma.Sql {
  const column = Prisma.sql`lower(trim(gender))`;
  const any = alternativesOf(value).map((code) => {
    if (code === 'other') {
      const known = [...[...GENDER_WORDS.values()].flat(), ''];
      return Prisma.sql`(gender IS NOT NULL AND ${column} NOT IN (${Prisma.join(known)}))`;
    }
    const words = GENDER_WORDS.get(code);
    if (!words) throw badParam('gender', 'Expected male, female, other or unknown.');
    return Prisma.sql`${column} IN (${Prisma.join(words)})`;
  });
  return Prisma.sql`(${Prisma.join(any, ' OR ')})`;
}

function identifierCondition(value: string): Prisma.Sql {
  const any = alternativesOf(value).map((text) => {
    const { system, code } = tokenOf(text);
    if (system === undefined) {
      return Prisma.sql`(CASE WHEN jsonb_typeof(identifiers) = 'object' THEN EXISTS (SELECT 1 FROM jsonb_each_text(identifiers) AS e WHERE e.value = ${code}) ELSE FALSE END)`;
    }
    const keys = identifierKeysOf(system);
    if (keys.length === 0) return Prisma.sql`FALSE`;
    return Prisma.sql`(${Prisma.join(
      keys.map((key) => Prisma.sql`identifiers ->> ${key} = ${code}`),
      ' OR ',
    )})`;
  });
  return Prisma.sql`(${Prisma.join(any, ' OR ')})`;
}

export async function searchPatients(
  db: Db,
  user: AuthUser,
  q: FhirPatientSearch,
): Promise<SearchPage> {
  const where = and([
    Prisma.sql`NOT deleted`,
    ...inScopeRows(user, q),
    ...stringCondition(Prisma.sql`name`, q.name),
    ...dateConditions('birthdate', Prisma.sql`(dob::timestamp AT TIME ZONE 'UTC')`, q.birthdate),
    ...valuesOf(q.identifier).map(identifierCondition),
    ...valuesOf(q.gender).map(genderCondition),
  ]);
  return searchTable(db, 'patient', where, q);
}

/** `data.effectiveDateTime` as an instant, or NULL when it is absent or not a dateTime. */
const EFFECTIVE = Prisma.raw(
  String.raw`(CASE WHEN data->>'effectiveDateTime' ~ '^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$' THEN (data->>'effectiveDateTime')::timestamptz END)`,
);

function codingCondition(path: Prisma.Sql, value: string, wrap: (coding: object) => unknown) {
  const any = alternativesOf(value).map((text) => {
    const { system, code } = tokenOf(text);
    const coding = { ...(system ? { system } : {}), code };
    return Prisma.sql`${path} @> ${JSON.stringify([wrap(coding)])}::jsonb`;
  });
  return Prisma.sql`(${Prisma.join(any, ' OR ')})`;
}

export async function searchObservations(
  db: Db,
  user: AuthUser,
  q: FhirObservationSearch,
): Promise<SearchPage> {
  const where = and([
    Prisma.sql`NOT deleted AND resource_type = 'Observation' AND data->>'resourceType' = 'Observation'`,
    ...inScopeRows(user, q),
    ...referenceCondition('patient', 'Patient', Prisma.sql`patient_id`, q.patient),
    ...referenceCondition('subject', 'Patient', Prisma.sql`patient_id`, q.subject),
    ...valuesOf(q.code).map((v) =>
      codingCondition(Prisma.sql`data->'code'->'coding'`, v, (c) => c),
    ),
    ...valuesOf(q.category).map((v) =>
      codingCondition(Prisma.sql`data->'category'`, v, (c) => ({ coding: [c] })),
    ),
    ...dateConditions('date', EFFECTIVE, q.date),
  ]);
  return searchTable(db, 'health_record', where, q);
}

function statusCondition(value: string): Prisma.Sql {
  const ours = alternativesOf(value).map((code) => {
    const status = APPOINTMENT_STATUS_OF_FHIR.get(code);
    if (!status) {
      throw badParam(
        'status',
        `Expected one of ${[...APPOINTMENT_STATUS_OF_FHIR.keys()].join(', ')}.`,
      );
    }
    return status;
  });
  return Prisma.sql`status::text IN (${Prisma.join(ours)})`;
}

export async function searchAppointments(
  db: Db,
  user: AuthUser,
  q: FhirAppointmentSearch,
): Promise<SearchPage> {
  const where = and([
    Prisma.sql`NOT deleted`,
    ...inScopeRows(user, q),
    ...referenceCondition('patient', 'Patient', Prisma.sql`patient_id`, q.patient),
    ...dateConditions('date', Prisma.sql`appointment_date`, q.date),
    ...valuesOf(q.status).map(statusCondition),
  ]);
  return searchTable(db, 'appointment', where, q);
}

export async function searchPractitioners(
  db: Db,
  user: AuthUser,
  q: FhirDirectorySearch,
): Promise<SearchPage> {
  const where = and([
    Prisma.sql`NOT deleted`,
    ...inScopeRows(user, q),
    ...stringCondition(Prisma.sql`name`, q.name),
  ]);
  return searchTable(db, 'doctor', where, q);
}

/** Organizations or Locations: the caller's facilities and their pharmacies, by id. */
export async function searchPlaces(
  db: Db,
  user: AuthUser,
  type: 'Organization' | 'Location',
  q: FhirDirectorySearch,
): Promise<SearchPage> {
  const common = (updated: Prisma.Sql) => [
    ...idCondition(Prisma.sql`id`, q._id),
    ...dateConditions('_lastUpdated', updated, q._lastUpdated),
    ...stringCondition(Prisma.sql`name`, q.name),
  ];
  const facilities = and([facilityScope(user, Prisma.sql`id`), ...common(Prisma.sql`created_at`)]);
  const pharmacies = and([
    Prisma.sql`NOT deleted`,
    facilityScope(user, Prisma.sql`facility_id`),
    ...common(Prisma.sql`updated_at`),
  ]);
  const { hits, hasMore } = await pageOf(
    db,
    Prisma.sql`SELECT id::text AS id, 'f' AS kind FROM facility WHERE ${facilities}
      UNION ALL SELECT id::text AS id, 'p' AS kind FROM pharmacy WHERE ${pharmacies}`,
    q,
  );
  const ids = (kind: string) => hits.filter((h) => h.kind === kind).map((h) => h.id);
  const [facilityRows, pharmacyRows] = await Promise.all([
    db.facility.findMany({ where: { id: { in: ids('f') } } }),
    db.pharmacy.findMany({ where: { id: { in: ids('p') } } }),
  ]);
  const build = new Map<string, () => Resource>([
    ...facilityRows.map(
      (row) =>
        [
          row.id,
          () => (type === 'Organization' ? facilityToOrganization(row) : facilityToLocation(row)),
        ] as const,
    ),
    ...pharmacyRows.map(
      (row) =>
        [
          row.id,
          () => (type === 'Organization' ? pharmacyToOrganization(row) : pharmacyToLocation(row)),
        ] as const,
    ),
  ]);
  return { resources: hits.flatMap((h) => build.get(h.id)?.() ?? []), hasMore };
}
