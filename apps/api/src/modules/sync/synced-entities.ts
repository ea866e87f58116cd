import type { EntityType } from '@healthsync/contracts';

export type StoredEntity = EntityType | 'HealthRecord';

export type WireRow = { id: string; server_version: number; deleted: boolean } & Record<
  string,
  unknown
>;

export type SyncedEntity = {
  entity: StoredEntity;
  table: string;
  /** facility: rows belong to one facility; global: everyone signed in may read them. */
  scope: 'facility' | 'global';
  /** The wire resource_type of a rendered row (the FHIR type for HealthRecords). */
  resourceTypeOf(row: WireRow): string;
};

const fixed = (type: string) => () => type;

export const SYNCED_ENTITIES: Record<StoredEntity, SyncedEntity> = {
  Patient: {
    entity: 'Patient',
    table: 'patient',
    scope: 'facility',
    resourceTypeOf: fixed('Patient'),
  },
  Doctor: {
    entity: 'Doctor',
    table: 'doctor',
    scope: 'facility',
    resourceTypeOf: fixed('Doctor'),
  },
  Appointment: {
    entity: 'Appointment',
    table: 'appointment',
    scope: 'facility',
    resourceTypeOf: fixed('Appointment'),
  },
  HealthRecord: {
    entity: 'HealthRecord',
    table: 'health_record',
    scope: 'facility',
    resourceTypeOf: (row) => String(row.resource_type),
  },
  Pharmacy: {
    entity: 'Pharmacy',
    table: 'pharmacy',
    scope: 'global',
    resourceTypeOf: fixed('Pharmacy'),
  },
  Medicine: {
    entity: 'Medicine',
    table: 'medicine',
    scope: 'global',
    resourceTypeOf: fixed('Medicine'),
  },
  InventoryItem: {
    entity: 'InventoryItem',
    table: 'inventory_item',
    scope: 'global',
    resourceTypeOf: fixed('InventoryItem'),
  },
};
