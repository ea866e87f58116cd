import type { z } from 'zod';
import { AppointmentEntity } from './appointment';
import { DoctorEntity } from './doctor';
import { HealthRecordEntity } from './health-record';
import { InventoryItemEntity } from './inventory-item';
import { MedicineEntity } from './medicine';
import { PatientEntity } from './patient';
import { PharmacyEntity } from './pharmacy';

/** Every synced entity, declared once each (see entity-contract.ts). */
export const ENTITY_CONTRACTS = [
  PatientEntity,
  DoctorEntity,
  AppointmentEntity,
  HealthRecordEntity,
  PharmacyEntity,
  MedicineEntity,
  InventoryItemEntity,
] as const;

type AnyEntity = (typeof ENTITY_CONTRACTS)[number];
export type EntityName = AnyEntity['name'];
export type EntityCollection = AnyEntity['collection'];
/** The wire row of each local collection. */
export type CollectionRows = { [E in AnyEntity as E['collection']]: z.output<E['schema']> };

/** Entity types that have their own table; any other FHIR type is a HealthRecord. */
export type EntityType = Exclude<EntityName, 'HealthRecord'>;
export const ENTITY_TYPES = ENTITY_CONTRACTS.filter((e) => !e.fhirCatchAll).map(
  (e) => e.name,
) as EntityType[];

/** Types a client may upload; every other FHIR type is stored as a HealthRecord. */
export const UPLOADABLE_ENTITY_TYPES = ENTITY_TYPES.filter(
  (name) => entityContractNamed(name).uploadable,
);
export const READ_ONLY_ENTITY_TYPES = ENTITY_TYPES.filter(
  (name) => !entityContractNamed(name).uploadable,
);

export function entityContractNamed<N extends EntityName>(
  name: N,
): Extract<AnyEntity, { name: N }> {
  return ENTITY_CONTRACTS.find((e) => e.name === name) as Extract<AnyEntity, { name: N }>;
}

/** The entity a wire resource_type names: its own, or the FHIR catch-all (HealthRecord). */
export function entityContractOf(resourceType: string): AnyEntity {
  return (
    ENTITY_CONTRACTS.find((e) => e.name === resourceType && !e.fhirCatchAll) ??
    ENTITY_CONTRACTS.find((e) => e.fhirCatchAll)!
  );
}

export function isHealthRecordType(type: string): boolean {
  return !(ENTITY_TYPES as readonly string[]).includes(type);
}
