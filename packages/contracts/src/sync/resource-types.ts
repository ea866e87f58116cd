import type { z } from 'zod';
import { FhirResourceType } from '../health-record';

/** Entity types that have their own table; any other FHIR type is a HealthRecord. */
export const ENTITY_TYPES = [
  'Patient',
  'Doctor',
  'Appointment',
  'Pharmacy',
  'Medicine',
  'InventoryItem',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** What a download change or an upload change names: an entity type or a FHIR resource type. */
export const SyncResourceType = FhirResourceType;
export type SyncResourceType = z.infer<typeof SyncResourceType>;

/** Types a client may upload; every other FHIR type is stored as a HealthRecord. */
export const UPLOADABLE_ENTITY_TYPES = ['Patient', 'Appointment', 'InventoryItem'] as const;
export const READ_ONLY_ENTITY_TYPES = ['Doctor', 'Pharmacy', 'Medicine'] as const;

export function isHealthRecordType(type: string): boolean {
  return !(ENTITY_TYPES as readonly string[]).includes(type);
}
