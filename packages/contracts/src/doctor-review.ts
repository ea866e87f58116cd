/**
 * A doctor's review of a reading (issue 19): a FHIR extension on the Observation's data, so it
 * syncs and is audited like any edit of the record. One definition of its URL, builder and reader.
 */
export const DOCTOR_REVIEW_URL = 'https://healthsync.dev/fhir/StructureDefinition/doctor-review';

export interface DoctorReview {
  /** The reviewing doctor's doctor id (`Practitioner/<id>`). */
  doctorId: string;
  /** When, as an ISO timestamp. */
  at: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

export function doctorReviewExtension(review: DoctorReview) {
  return {
    url: DOCTOR_REVIEW_URL,
    extension: [
      { url: 'reviewer', valueReference: { reference: `Practitioner/${review.doctorId}` } },
      { url: 'time', valueDateTime: review.at },
    ],
  };
}

/** The review an Observation's data carries, or null (none, or not in this shape). */
export function doctorReviewOf(data: Json): DoctorReview | null {
  const extensions = Array.isArray(data.extension) ? data.extension.filter(isObject) : [];
  const review = extensions.find((e) => e.url === DOCTOR_REVIEW_URL);
  const parts = Array.isArray(review?.extension) ? review.extension.filter(isObject) : [];
  const part = (url: string) => parts.find((e) => e.url === url);
  const reference = part('reviewer')?.valueReference;
  const at = part('time')?.valueDateTime;
  const match =
    isObject(reference) && typeof reference.reference === 'string'
      ? /^Practitioner\/(.+)$/.exec(reference.reference)
      : null;
  return match && typeof at === 'string' ? { doctorId: match[1]!, at } : null;
}
