import { ENTITY_CONTRACTS, type CollectionRows } from '@healthsync/contracts';
import type { LocalConflict } from '../conflicts/local-conflict';
import type { OutboxEntry } from '../local/outbox-entry';
import type { LocalRow } from '../local/local-row';
import type { ObservationHeads } from '../local/observation-heads';
import type { MetaEntry } from './meta';

/** The wire shape of each synced entity table: one per entity of contracts' registry. */
export type EntityRows = CollectionRows;

export type EntityTable = keyof EntityRows;

export const ENTITY_TABLES: readonly EntityTable[] = ENTITY_CONTRACTS.map(
  (entity) => entity.collection,
);

/** What each entity table holds. */
export type EntityTableRows = { [K in EntityTable]: LocalRow<EntityRows[K]> };

/** What each local table holds. */
export type TableRows = EntityTableRows & {
  outbox: OutboxEntry;
  conflicts: LocalConflict;
  meta: MetaEntry;
  observationHeads: ObservationHeads;
};

export type TableName = keyof TableRows;

export const TABLE_NAMES: readonly TableName[] = [
  ...ENTITY_TABLES,
  'outbox',
  'conflicts',
  'meta',
  'observationHeads',
];

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

/** Any index of an entity table: the shared ones and EXTRA_INDEXES (patients' phone, visits' follow-up). */
export type AnyEntityIndex = EntityIndex | 'phone' | 'followUp';

/** Indexes of one entity table beyond ENTITY_INDEXES. */
const EXTRA_INDEXES: Partial<Record<EntityTable, Record<string, IndexDefinition>>> = {
  patients: { phone: { path: 'idx.phone', multiEntry: true } },
  appointments: { followUp: { path: 'idx.followUp' } },
};

/** The current local schema; migrations.ts says how each version got here. */
export const TABLES = {
  ...(Object.fromEntries(
    ENTITY_TABLES.map((table): [EntityTable, TableDefinition] => [
      table,
      { keyPath: 'id', indexes: { ...ENTITY_INDEXES, ...EXTRA_INDEXES[table] } },
    ]),
  ) as Record<EntityTable, TableDefinition>),
  outbox: { keyPath: 'id', indexes: { rowId: { path: 'rowId' }, state: { path: 'state' } } },
  conflicts: { keyPath: 'id', indexes: { status: { path: 'status' }, rowId: { path: 'rowId' } } },
  meta: { keyPath: 'key', indexes: {} },
  observationHeads: { keyPath: 'patient', indexes: {} },
} satisfies Readonly<Record<TableName, TableDefinition>>;

/** Reads a dotted key path the way IndexedDB does. */
export function readKeyPath(row: unknown, path: string): unknown {
  let value: unknown = row;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
