import {
  entityContractOf,
  formatMicros,
  ENTITY_CONTRACTS,
  parseTimestamp,
  type CollectionRows,
} from '@healthsync/contracts';
import type { z } from 'zod';
import type { EntityRows, EntityTable } from '../store/tables';
import type { IndexFields } from './local-row';

type Json = Record<string, unknown>;

/** How one local table maps to the wire: its resource type, its query fields, how an edit applies. */
export interface EntityDefinition<T> {
  readonly table: EntityTable;
  readonly schema: z.ZodType<T>;
  resourceTypeOf(row: T): string;
  indexFields(row: T): IndexFields;
  /** Applies an update payload the way the server does. */
  applyPatch(row: T, payload: Json): T;
}

/** Lower-cased words (letters with their combining marks, digits) for prefix search in any script. */
export function wordsOf(...texts: (string | null | undefined)[]): string[] {
  const words = texts.flatMap(
    (text) => (text ?? '').toLocaleLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [],
  );
  return [...new Set(words)];
}

/** The phone index of a number: its digits from each position on, while 3 or more remain. */
export function phoneKeys(phone: string | null | undefined): string[] {
  const digits = (phone ?? '').replace(/\D/g, '');
  const keys: string[] = [];
  for (let i = 0; i + 3 <= digits.length; i++) keys.push(digits.slice(i));
  return keys;
}

/** Timestamps as one canonical string so they sort as text; cursors stay opaque elsewhere. */
export function canonicalTimestamp(value: string): string {
  const parsed = parseTimestamp(value);
  return parsed.ok ? formatMicros(parsed.micros) : value;
}

const shallowMerge = <T>(row: T, payload: Json): T => ({ ...row, ...payload });

/** What the device adds to an entity's contract: its query fields, how an edit applies. */
type LocalBehaviour<T> = Partial<Pick<EntityDefinition<T>, 'indexFields' | 'applyPatch'>>;

/** Entities without an entry here get no query fields and shallow-merged edits. */
const LOCAL_BEHAVIOUR: { [K in EntityTable]?: LocalBehaviour<EntityRows[K]> } = {
  patients: {
    indexFields: (row) => ({ words: wordsOf(row.name), phone: phoneKeys(row.phone_number) }),
  },
  doctors: { indexFields: (row) => ({ words: wordsOf(row.name, row.specialization) }) },
  appointments: {
    indexFields: (row) => ({
      patient: row.patient_id,
      date: canonicalTimestamp(row.appointment_date),
      status: row.status,
      // Only visits that set one are in the follow-up index.
      ...(row.follow_up_date ? { followUp: row.follow_up_date } : {}),
    }),
  },
  pharmacies: { indexFields: (row) => ({ words: wordsOf(row.name, row.village) }) },
  medicines: { indexFields: (row) => ({ words: wordsOf(row.name) }) },
  inventory: {
    indexFields: (row) => ({
      medicine: row.medicine_id,
      pharmacy: row.pharmacy_id,
      words: wordsOf(row.medicine_name),
    }),
  },
  records: {
    indexFields: (row) => ({ patient: row.patient, type: row.resource_type }),
    // The server merges an update's payload into `data`.
    applyPatch: (row, payload) => ({ ...row, data: { ...row.data, ...payload } }),
  },
};

function definitionOf<K extends EntityTable>(table: K): EntityDefinition<EntityRows[K]> {
  const contract = ENTITY_CONTRACTS.find((entity) => entity.collection === table)!;
  const local = (LOCAL_BEHAVIOUR[table] ?? {}) as LocalBehaviour<EntityRows[K]>;
  return {
    table,
    schema: contract.schema as unknown as z.ZodType<EntityRows[K]>,
    resourceTypeOf: contract.fhirCatchAll
      ? (row) => String((row as { resource_type?: unknown }).resource_type)
      : () => contract.name,
    indexFields: local.indexFields ?? (() => ({})),
    applyPatch: local.applyPatch ?? shallowMerge,
  };
}

/** Each local table's definition, from contracts' entity registry. */
export const ENTITIES = Object.fromEntries(
  ENTITY_CONTRACTS.map((entity) => [entity.collection, definitionOf(entity.collection)]),
) as { [K in EntityTable]: EntityDefinition<EntityRows[K]> };

/** The local table of a wire resource_type: an entity's own, or `records` for any FHIR type. */
export function tableOf(resourceType: string): EntityTable {
  return entityContractOf(resourceType).collection;
}

/** An update payload applied to a row of `table` the way the server applies it. */
export function applyPatchTo<K extends EntityTable>(
  table: K,
  row: EntityRows[K],
  payload: Json,
): EntityRows[K] {
  return ENTITIES[table].applyPatch(row, payload);
}

/** A server row as its table's type (see parseServerRow). */
export function parseServerRowOf<K extends EntityTable>(
  table: K,
  data: Json,
  onInvalid?: (issue: string) => void,
): CollectionRows[K] {
  return parseServerRow(ENTITIES[table], data, onInvalid);
}

/**
 * A server row as the entity's type. A row that does not match the contract is still kept as the
 * server sent it (clinical data is never dropped on the floor); `onInvalid` reports it.
 */
export function parseServerRow<T>(
  definition: EntityDefinition<T>,
  data: Json,
  onInvalid?: (issue: string) => void,
): T {
  const parsed = definition.schema.safeParse(data);
  if (parsed.success) return parsed.data;
  onInvalid?.(`${definition.table} ${String(data.id)}: ${parsed.error.message}`);
  return data as T;
}
