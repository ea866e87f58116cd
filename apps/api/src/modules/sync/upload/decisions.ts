import type { HealthSyncError, UploadChange } from '@healthsync/contracts';
import { invalidField } from '../../../lib/errors';
import { canAccessFacility, type AuthUser } from '../../auth/auth-user';
import type { CurrentRow } from './lock-current-rows';
import { editBaseOf, isStale, type EditBase } from './stale-check';

/**
 * The rules an uploaded change is decided by, as pure functions of what was read. The one-by-one
 * path (`apply-change.ts`, the services) and the bulk writers (`*-in-bulk.ts`) differ only in how
 * they read and write; both decide here, so a change gets one outcome whichever path takes it
 * (`bulk-writers.test.ts`).
 */

/** The facility and deleted flag of a row another row points at (a patient, a doctor). */
export type Owner = { facilityId: string; deleted: boolean };

export type EditDecision =
  | { verdict: 'not-in-scope' }
  /** A delete of a row already deleted: done. */
  | { verdict: 'already-deleted'; current: CurrentRow }
  /**
   * stale: the row changed after the edit's base (a conflict); deleted-on-server: an edit of a
   * deleted row (refused); apply: write it.
   */
  | { verdict: 'stale' | 'deleted-on-server' | 'apply'; current: CurrentRow; base: EditBase };

/**
 * Scope and stale-version rules of an update or delete, in the order they are checked. A change
 * without a base (client_updated_at or base_version) is refused once it gets that far (a 400).
 */
export function decideEdit(
  change: Pick<UploadChange, 'operation' | 'client_updated_at' | 'base_version'>,
  current: CurrentRow | null | undefined,
): EditDecision {
  if (!current) return { verdict: 'not-in-scope' };
  if (change.operation === 'delete' && current.deleted)
    return { verdict: 'already-deleted', current };
  const base = editBaseOf(change);
  if (isStale(current, base)) return { verdict: 'stale', current, base };
  if (current.deleted) return { verdict: 'deleted-on-server', current, base };
  return { verdict: 'apply', current, base };
}

/** Facility move: an edit naming another facility than the row's moves it (and its dependents). */
export const movesFacility = (requested: string | null | undefined, current: string) =>
  requested != null && requested.toLowerCase() !== current.toLowerCase();

/** The patient a row is written for must exist, live, in the caller's scope; else a 400 on `field`. */
export function patientRefusal(
  user: AuthUser,
  patient: Owner | null | undefined,
  field: string,
): HealthSyncError | null {
  return !patient || patient.deleted || !canAccessFacility(user, patient.facilityId)
    ? invalidField(field, 'Unknown patient.')
    : null;
}

/** Doctor rule: a named doctor must exist, live, in the facility of the appointment's patient. */
export function doctorRefusal(
  doctorId: string | null | undefined,
  doctor: Owner | null | undefined,
  facilityId: string,
): HealthSyncError | null {
  if (!doctorId) return null;
  return !doctor || doctor.deleted || doctor.facilityId !== facilityId
    ? invalidField('doctor_id', 'Unknown doctor.')
    : null;
}
