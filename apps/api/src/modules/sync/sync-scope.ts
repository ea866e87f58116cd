import type { LockFilter } from '../../lib/transaction';
import type { AuthUser } from '../auth/auth-user';
import { SYNCED_ENTITIES, type StoredEntity } from './synced-entities';

const CLINICAL: StoredEntity[] = ['Patient', 'Doctor', 'Appointment', 'HealthRecord'];
const SHARED: StoredEntity[] = ['Pharmacy', 'Medicine', 'InventoryItem'];

/** The entity types a caller receives: pharmacists get medicine availability only. */
export function visibleEntities(user: AuthUser): StoredEntity[] {
  return user.role === 'pharmacist' ? SHARED : [...CLINICAL, ...SHARED];
}

/** The facility a caller's facility-scoped rows are filtered by; null for admins (every facility). */
export function scopeFacility(user: AuthUser): string | null {
  return user.role === 'admin' ? null : user.facilityId;
}

export const isFacilityScoped = (entity: StoredEntity) =>
  SYNCED_ENTITIES[entity].scope === 'facility';

/** lockRow's filter for a row of a facility-scoped table: the caller's facility (admins: any). */
export const facilityLockFilter = (user: AuthUser): LockFilter | undefined =>
  user.role === 'admin' ? undefined : { column: 'facility_id', equals: user.facilityId };
