import {
  Appointment,
  Doctor,
  HealthRecord,
  InventoryItem,
  Medicine,
  Patient,
  Pharmacy,
  formatMicros,
  isHealthRecordType,
  parseTimestamp,
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

function define<T>(definition: EntityDefinition<T>): EntityDefinition<T> {
  return definition;
}

export const ENTITIES: { [K in EntityTable]: EntityDefinition<EntityRows[K]> } = {
  patients: define<Patient>({
    table: 'patients',
    schema: Patient,
    resourceTypeOf: () => 'Patient',
    indexFields: (row) => ({ words: wordsOf(row.name), phone: phoneKeys(row.phone_number) }),
    applyPatch: shallowMerge,
  }),
  doctors: define<Doctor>({
    table: 'doctors',
    schema: Doctor,
    resourceTypeOf: () => 'Doctor',
    indexFields: (row) => ({ words: wordsOf(row.name, row.specialization) }),
    applyPatch: shallowMerge,
  }),
  appointments: define<Appointment>({
    table: 'appointments',
    schema: Appointment,
    resourceTypeOf: () => 'Appointment',
    indexFields: (row) => ({
      patient: row.patient_id,
      date: canonicalTimestamp(row.appointment_date),
      status: row.status,
    }),
    applyPatch: shallowMerge,
  }),
  pharmacies: define<Pharmacy>({
    table: 'pharmacies',
    schema: Pharmacy,
    resourceTypeOf: () => 'Pharmacy',
    indexFields: (row) => ({ words: wordsOf(row.name, row.village) }),
    applyPatch: shallowMerge,
  }),
  medicines: define<Medicine>({
    table: 'medicines',
    schema: Medicine,
    resourceTypeOf: () => 'Medicine',
    indexFields: (row) => ({ words: wordsOf(row.name) }),
    applyPatch: shallowMerge,
  }),
  inventory: define<InventoryItem>({
    table: 'inventory',
    schema: InventoryItem,
    resourceTypeOf: () => 'InventoryItem',
    indexFields: (row) => ({
      medicine: row.medicine_id,
      pharmacy: row.pharmacy_id,
      words: wordsOf(row.medicine_name),
    }),
    applyPatch: shallowMerge,
  }),
  records: define<HealthRecord>({
    table: 'records',
    schema: HealthRecord,
    resourceTypeOf: (row) => row.resource_type,
    indexFields: (row) => ({ patient: row.patient, type: row.resource_type }),
    // The server merges an update's payload into `data`.
    applyPatch: (row, payload) => ({ ...row, data: { ...row.data, ...payload } }),
  }),
};

const TABLE_OF_TYPE: Readonly<Record<string, EntityTable>> = {
  Patient: 'patients',
  Doctor: 'doctors',
  Appointment: 'appointments',
  Pharmacy: 'pharmacies',
  Medicine: 'medicines',
  InventoryItem: 'inventory',
};

/** The local table of a wire resource_type: an entity's own, or `records` for any FHIR type. */
export function tableOf(resourceType: string): EntityTable {
  return isHealthRecordType(resourceType) ? 'records' : (TABLE_OF_TYPE[resourceType] ?? 'records');
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
