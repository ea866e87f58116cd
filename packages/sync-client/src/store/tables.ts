import type {
  Appointment,
  Doctor,
  HealthRecord,
  InventoryItem,
  Medicine,
  Patient,
  Pharmacy,
} from '@healthsync/contracts';
import type { LocalConflict } from '../conflicts/local-conflict';
import type { OutboxEntry } from '../local/outbox-entry';
import type { LocalRow } from '../local/local-row';
import type { MetaEntry } from './meta';

/** The wire shape of each synced entity table. */
export interface EntityRows {
  patients: Patient;
  doctors: Doctor;
  appointments: Appointment;
  pharmacies: Pharmacy;
  medicines: Medicine;
  inventory: InventoryItem;
  records: HealthRecord;
}

export type EntityTable = keyof EntityRows;

export const ENTITY_TABLES = [
  'patients',
  'doctors',
  'appointments',
  'pharmacies',
  'medicines',
  'inventory',
  'records',
] as const satisfies readonly EntityTable[];

/** What each local table holds. */
export type TableRows = { [K in EntityTable]: LocalRow<EntityRows[K]> } & {
  outbox: OutboxEntry;
  conflicts: LocalConflict;
  meta: MetaEntry;
};

export type TableName = keyof TableRows;

export const TABLE_NAMES = [
  ...ENTITY_TABLES,
  'outbox',
  'conflicts',
  'meta',
] as const satisfies readonly TableName[];

export interface IndexDefinition {
  /** Dotted key path into the stored row. */
  readonly path: string;
  /** An array value indexes each element (word search). */
  readonly multiEntry?: boolean;
}

export interface TableDefinition {
  readonly keyPath: string;
  readonly indexes: Readonly<Record<string, IndexDefinition>>;
}

/** Indexes read `idx.*`, the query fields each local row derives from its local view. */
export const ENTITY_INDEXES = {
  words: { path: 'idx.words', multiEntry: true },
  patient: { path: 'idx.patient' },
  date: { path: 'idx.date' },
  status: { path: 'idx.status' },
  medicine: { path: 'idx.medicine' },
  pharmacy: { path: 'idx.pharmacy' },
  type: { path: 'idx.type' },
} as const satisfies Record<string, IndexDefinition>;

export type EntityIndex = keyof typeof ENTITY_INDEXES;

/** The current local schema; migrations.ts says how each version got here. */
export const TABLES: Readonly<Record<TableName, TableDefinition>> = {
  patients: {
    keyPath: 'id',
    indexes: { ...ENTITY_INDEXES, phone: { path: 'idx.phone', multiEntry: true } },
  },
  doctors: { keyPath: 'id', indexes: ENTITY_INDEXES },
  appointments: { keyPath: 'id', indexes: ENTITY_INDEXES },
  pharmacies: { keyPath: 'id', indexes: ENTITY_INDEXES },
  medicines: { keyPath: 'id', indexes: ENTITY_INDEXES },
  inventory: { keyPath: 'id', indexes: ENTITY_INDEXES },
  records: { keyPath: 'id', indexes: ENTITY_INDEXES },
  outbox: { keyPath: 'id', indexes: { rowId: { path: 'rowId' }, state: { path: 'state' } } },
  conflicts: { keyPath: 'id', indexes: { status: { path: 'status' }, rowId: { path: 'rowId' } } },
  meta: { keyPath: 'key', indexes: {} },
};

/** Reads a dotted key path the way IndexedDB does. */
export function readKeyPath(row: unknown, path: string): unknown {
  let value: unknown = row;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
