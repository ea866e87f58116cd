import { DOCTOR_REVIEW_URL, doctorReviewOf } from '@healthsync/contracts';
import type { AuthUser } from '../../core/auth-user';
import { forbidden, invalidField, type HealthSyncError } from '../../lib/errors';

type Json = Record<string, unknown>;

const reviewExtensionIn = (data: Json) =>
  Array.isArray(data.extension) &&
  data.extension.some(
    (e) => typeof e === 'object' && e !== null && (e as Json).url === DOCTOR_REVIEW_URL,
  );

/**
 * A doctor's review mark (contracts' doctor-review.ts) on a record's new data: only a doctor may
 * add or change one, naming themself. A mark kept as it was passes (an edit of something else).
 */
export function doctorReviewRefusal(
  user: AuthUser,
  data: Json,
  before: Json | null,
): HealthSyncError | null {
  const review = doctorReviewOf(data);
  const previous = before ? doctorReviewOf(before) : null;
  if (!review && !reviewExtensionIn(data)) {
    return previous && user.role !== 'doctor'
      ? forbidden("Only a doctor may remove a doctor's review.")
      : null;
  }
  if (!review)
    return invalidField(
      'data.extension',
      "A doctor's review names the reviewer (Practitioner/<doctor id>) and the time.",
    );
  if (previous && previous.doctorId === review.doctorId && previous.at === review.at) return null;
  if (user.role !== 'doctor' || user.doctorId?.toLowerCase() !== review.doctorId.toLowerCase())
    return forbidden('Only the doctor named in a review may mark a reading reviewed.');
  return null;
}

/** `doctorReviewRefusal`, thrown. */
export function assertDoctorReview(user: AuthUser, data: Json, before: Json | null): void {
  const refusal = doctorReviewRefusal(user, data, before);
  if (refusal) throw refusal;
}
