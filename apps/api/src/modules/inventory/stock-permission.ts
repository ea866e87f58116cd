import { forbidden } from '../../lib/errors';
import type { LockFilter } from '../../lib/transaction';
import type { AuthUser } from '../../core/auth-user';

/** Admins change any stock; pharmacists only their own pharmacy's; nobody else. */
export function assertMayChangeStock(user: AuthUser, pharmacyId: string): void {
  if (user.role === 'admin') return;
  if (user.role === 'pharmacist' && user.pharmacyId === pharmacyId) return;
  throw forbidden("Only the pharmacy's own pharmacist can change its stock.");
}

/** The stock rows a caller may lock: those it may change (see assertMayChangeStock). */
export const stockLockFilter = (user: AuthUser): LockFilter | undefined =>
  user.role === 'admin'
    ? undefined
    : { column: 'pharmacy_id', equals: user.role === 'pharmacist' ? user.pharmacyId : null };
