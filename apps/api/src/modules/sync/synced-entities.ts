import type { EntityType } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { appointmentToWire } from '../appointments/appointment-to-wire';
import { doctorToWire, medicineToWire, pharmacyToWire } from '../directory/directory-to-wire';
import { inventoryInclude, inventoryToWire } from '../inventory/inventory-to-wire';
import { patientToWire } from '../patients/patient-to-wire';
import { recordToWire } from '../records/record-to-wire';

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
  /** Loads rows by id and renders them as the REST endpoints show them. */
  load(db: Db, ids: string[]): Promise<WireRow[]>;
  /** The wire resource_type of a rendered row (the FHIR type for HealthRecords). */
  resourceTypeOf(row: WireRow): string;
};

const fixed = (type: string) => () => type;

export const SYNCED_ENTITIES: Record<StoredEntity, SyncedEntity> = {
  Patient: {
    entity: 'Patient',
    table: 'patient',
    scope: 'facility',
    load: async (db, ids) =>
      (await db.patient.findMany({ where: { id: { in: ids } } })).map(patientToWire),
    resourceTypeOf: fixed('Patient'),
  },
  Doctor: {
    entity: 'Doctor',
    table: 'doctor',
    scope: 'facility',
    load: async (db, ids) =>
      (await db.doctor.findMany({ where: { id: { in: ids } } })).map(doctorToWire),
    resourceTypeOf: fixed('Doctor'),
  },
  Appointment: {
    entity: 'Appointment',
    table: 'appointment',
    scope: 'facility',
    load: async (db, ids) =>
      (await db.appointment.findMany({ where: { id: { in: ids } } })).map(appointmentToWire),
    resourceTypeOf: fixed('Appointment'),
  },
  HealthRecord: {
    entity: 'HealthRecord',
    table: 'health_record',
    scope: 'facility',
    load: async (db, ids) =>
      (await db.healthRecord.findMany({ where: { id: { in: ids } } })).map(recordToWire),
    resourceTypeOf: (row) => String(row.resource_type),
  },
  Pharmacy: {
    entity: 'Pharmacy',
    table: 'pharmacy',
    scope: 'global',
    load: async (db, ids) =>
      (await db.pharmacy.findMany({ where: { id: { in: ids } } })).map(pharmacyToWire),
    resourceTypeOf: fixed('Pharmacy'),
  },
  Medicine: {
    entity: 'Medicine',
    table: 'medicine',
    scope: 'global',
    load: async (db, ids) =>
      (await db.medicine.findMany({ where: { id: { in: ids } } })).map(medicineToWire),
    resourceTypeOf: fixed('Medicine'),
  },
  InventoryItem: {
    entity: 'InventoryItem',
    table: 'inventory_item',
    scope: 'global',
    load: async (db, ids) =>
      (
        await db.inventoryItem.findMany({ where: { id: { in: ids } }, include: inventoryInclude })
      ).map(inventoryToWire),
    resourceTypeOf: fixed('InventoryItem'),
  },
};
