export { createSyncClient } from './client';
export type { SyncClient, SyncClientOptions } from './client';
export type { Clock } from './clock';
export { ManualClock, systemClock } from './clock';
export type { PlatformSignals } from './platform-signals';
export { browserSignals, manualSignals } from './platform-signals';

export type { SyncStore, ReadTx, WriteTx, IndexQuery } from './store/sync-store';
export { openIdbStore } from './store/idb-store';
export type { IdbStoreOptions } from './store/idb-store';
export { openMemoryStore, MemoryBackend } from './store/memory-store';
export type { MemoryStoreOptions } from './store/memory-store';
export { sealStore } from './store/sealed-store';
export type { SealStoreOptions, SealedStore } from './store/sealed-store';
export { copyPlainStore } from './store/seal-plain-store';
export { adoptScope, forgetSyncedData } from './store/local-scope';
export { PBKDF2_ITERATIONS, createKeyring, rewrapKeyring, unlockKeyring } from './crypto/keyring';
export type { DataKeys, Keyring } from './crypto/keyring';
export { LOCAL_SCHEMA_VERSION, MIGRATIONS } from './store/migrations';
export type { Migration, SchemaBuilder } from './store/migrations';
export { ENTITY_TABLES, TABLE_NAMES } from './store/tables';
export type { EntityRows, EntityTable, TableName, TableRows } from './store/tables';

export type { LocalRecord, LocalRow, RowSyncState } from './local/local-row';
export type { OutboxEntry, Operation, OutboxState } from './local/outbox-entry';
export type { ReadCollection } from './local/collection';
export type { PatientsCollection, PatientCreate, PatientChanges } from './local/patients';
export type {
  AppointmentsCollection,
  AppointmentCreate,
  AppointmentChanges,
} from './local/appointments';
export type { InventoryCollection, InventoryCreate, InventoryChanges } from './local/inventory';
export type { RecordsCollection, RecordCreate } from './local/records';
export { observationTime } from './local/observation-heads';
export type { DirectoryCollection } from './local/directory';

export type { LocalConflict, ConflictKind, LocalConflictStatus } from './conflicts/local-conflict';
export type { Resolution } from './conflicts/resolve-conflict';

export type {
  PullProgress,
  SyncClientStatus,
  SyncPhase,
  SyncErrorInfo,
} from './status/sync-status';
export type { TokenStore, TokenRefresher, SyncLock } from './sync/auth';
export { memoryTokenStore } from './sync/auth';
export type { FetchLike, HttpRequest, ParsedResponse } from './sync/http';
export type { BackoffOptions } from './sync/backoff';
/** Every failure the client reports is one of these, with a shared code (see contracts' errors). */
export { HealthSyncError } from '@healthsync/contracts';
