import type { LockFilter } from '../../lib/transaction';
import type { AuthUser } from '../auth/auth-user';

/** The facility a caller's facility-scoped rows are filtered by; null for admins (every facility). */
export function scopeFacility(user: AuthUser): string | null {
  return user.role === 'admin' ? null : user.facilityId;
}

/** lockRow's filter for a row of a facility-scoped table: the caller's facility (admins: any). */
export const facilityLockFilter = (user: AuthUser): LockFilter | undefined =>
  user.role === 'admin' ? undefined : { column: 'facility_id', equals: user.facilityId };
