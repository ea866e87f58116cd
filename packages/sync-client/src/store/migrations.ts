import { HealthSyncError } from '@healthsync/contracts';
import { phoneKeys } from '../local/entities';
import { visibleView } from '../local/local-row';
import type { WriteTx } from './sync-store';
import { ENTITY_INDEXES, ENTITY_TABLES, TABLES, TABLE_NAMES } from './tables';
import type { TableDefinition, TableName } from './tables';

/** What a migration may do to the shape of the database (IndexedDB object stores and indexes). */
export interface SchemaBuilder {
  createTable(name: TableName, definition: TableDefinition): void;
  createIndex(table: TableName, index: string, path: string, multiEntry: boolean): void;
  deleteIndex(table: TableName, index: string): void;
}

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly schema?: (builder: SchemaBuilder) => void;
  /** Rewrites rows; runs inside the upgrade transaction after `schema`. */
  readonly data?: (tx: WriteTx) => Promise<void>;
}

/** Tables a later step creates (version 1 made the others). */
const LATER_TABLES: readonly TableName[] = ['observationHeads'];

const isEntityTable = (name: TableName) => (ENTITY_TABLES as readonly TableName[]).includes(name);

/**
 * The local schema's history. Append only: a device may open the app after weeks offline with any
 * older version on disk, and every step from there must still run.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'entity tables (server copy + local view), outbox, conflicts, meta',
    schema(builder) {
      // Entity tables as they were then: the shared indexes only (later steps add the others).
      for (const name of TABLE_NAMES.filter((table) => !LATER_TABLES.includes(table)))
        builder.createTable(
          name,
          isEntityTable(name) ? { keyPath: 'id', indexes: ENTITY_INDEXES } : TABLES[name],
        );
    },
  },
  {
    version: 2,
    description: 'patients: phone-digits index (search by any run of 3+ digits)',
    schema(builder) {
      builder.createIndex('patients', 'phone', 'idx.phone', true);
    },
    async data(tx) {
      for (const row of await tx.getAll('patients')) {
        const view = visibleView(row);
        if (!view) continue;
        row.idx = { ...row.idx, phone: phoneKeys(view.phone_number) };
        await tx.put('patients', row);
      }
    },
  },
  {
    version: 3,
    // No data step: the field is new on the server too, so no stored visit carries one yet.
    description: 'appointments: follow-up date index (overdue follow-ups on the work list)',
    schema(builder) {
      builder.createIndex('appointments', 'followUp', 'idx.followUp', false);
    },
  },
  {
    version: 4,
    // No data step: it would see sealed rows. Without the meta flag `observationHeads` the client
    // fills the table at its first read (local/observation-heads.ts).
    description: "observationHeads: each patient's newest Observation per code set (work list)",
    schema(builder) {
      builder.createTable('observationHeads', TABLES.observationHeads);
    },
  },
];

export const LOCAL_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function migrationsAfter(
  version: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Migration[] {
  return [...migrations].filter((m) => m.version > version).sort((a, b) => a.version - b.version);
}

/** The local database was written by a newer app than this one: it is left as it is. */
export function schemaTooNew(found: number, supported: number): HealthSyncError {
  return HealthSyncError.local(
    'LOCAL_SCHEMA_TOO_NEW',
    `The local database has schema version ${found}; this app knows up to ${supported}. Update the app.`,
  );
}
