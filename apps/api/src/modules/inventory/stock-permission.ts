import type { HealthSyncError } from '@healthsync/contracts';
import { forbidden } from '../../lib/errors';
import type { LockFilter } from '../../lib/transaction';
import type { AuthUser } from '../../core/auth-user';

/** Admins change any stock; pharmacists only their own pharmacy's; nobody else (a 403). */
export function stockRefusal(user: AuthUser, pharmacyId: string): HealthSyncError | null {
  if (user.role === 'admin') return null;
  if (user.role === 'pharmacist' && user.pharmacyId === pharmacyId) return null;
  return forbidden("Only the pharmacy's own pharmacist can change its stock.");
}

export function assertMayChangeStock(user: AuthUser, pharmacyId: string): void {
  const refusal = stockRefusal(user, pharmacyId);
  if (refusal) throw refusal;
}

/** The stock rows a caller may lock: those it may change (see stockRefusal). */
export const stockLockFilter = (user: AuthUser): LockFilter | undefined =>
  user.role === 'admin'
    ? undefined
    : { column: 'pharmacy_id', equals: user.role === 'pharmacist' ? user.pharmacyId : null };
