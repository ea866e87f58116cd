import type { AuthUser } from '../../auth/auth-user';
import { appointmentEntity } from './appointment';
import { doctorEntity } from './doctor';
import { healthRecordEntity } from './health-record';
import { inventoryItemEntity } from './inventory-item';
import { medicineEntity } from './medicine';
import { patientEntity } from './patient';
import { pharmacyEntity } from './pharmacy';
import type { ServerEntity, StoredEntity } from './server-entity';

/**
 * Every synced entity, declared once each: its wire side in packages/contracts
 * src/entities/<entity>.ts, its server side in ./<entity>.ts. The sync feed, the per-resource sync
 * routes, locking, upload dispatch and conflicts are driven from this list.
 */
const ENTITIES = new Map<string, ServerEntity>(
  [
    patientEntity,
    doctorEntity,
    appointmentEntity,
    healthRecordEntity,
    pharmacyEntity,
    medicineEntity,
    inventoryItemEntity,
  ].map((entity) => [entity.contract.name, entity]),
);

/** Adds an entity at run time: for tests that prove the generic paths take any entity. */
export function registerEntity(entity: ServerEntity): void {
  ENTITIES.set(entity.contract.name, entity);
}

export const registeredEntities = (): ServerEntity[] => [...ENTITIES.values()];

export const entityNames = (): StoredEntity[] => [...ENTITIES.keys()] as StoredEntity[];

export function entityNamed(name: StoredEntity): ServerEntity {
  const entity = ENTITIES.get(name);
  if (!entity) throw new Error(`No synced entity ${name}.`);
  return entity;
}

/** The entity a wire resource_type names: its own, or the FHIR catch-all (HealthRecord). */
export function entityOfResourceType(resourceType: string): ServerEntity {
  const own = ENTITIES.get(resourceType);
  if (own && !own.contract.fhirCatchAll) return own;
  return registeredEntities().find((entity) => entity.contract.fhirCatchAll)!;
}

/** The entity types a caller receives: pharmacists get medicine availability only. */
export function visibleEntities(user: AuthUser): StoredEntity[] {
  return registeredEntities()
    .filter((entity) => user.role !== 'pharmacist' || entity.contract.readers === 'everyone')
    .map((entity) => entity.contract.name);
}

export const isFacilityScoped = (name: StoredEntity) => entityNamed(name).scope === 'facility';
