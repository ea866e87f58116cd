import { DOCTOR_REVIEW_URL, doctorReviewExtension } from '@healthsync/contracts';

/**
 * The record edit that marks a reading reviewed by a doctor: the record's other extensions kept,
 * any earlier review replaced (the upload merges top-level keys into the record's data).
 */
export function reviewedExtensions(data: Record<string, unknown>, doctorId: string, at: Date) {
  const others = (Array.isArray(data.extension) ? data.extension : []).filter(
    (e) =>
      !(typeof e === 'object' && e !== null && (e as { url?: unknown }).url === DOCTOR_REVIEW_URL),
  );
  return { extension: [...others, doctorReviewExtension({ doctorId, at: at.toISOString() })] };
}
