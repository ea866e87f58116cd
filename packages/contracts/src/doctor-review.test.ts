import { describe, expect, it } from 'vitest';
import { DOCTOR_REVIEW_URL, doctorReviewExtension, doctorReviewOf } from './doctor-review';

describe('doctor review extension', () => {
  it('reads back what it builds', () => {
    const review = { doctorId: '0190f1a2-0000-7000-8000-000000000001', at: '2026-12-06T08:00:00Z' };
    expect(doctorReviewOf({ extension: [doctorReviewExtension(review)] })).toEqual(review);
  });

  it('is null without one, or when it names no practitioner', () => {
    expect(doctorReviewOf({ resourceType: 'Observation' })).toBeNull();
    expect(
      doctorReviewOf({
        extension: [{ url: DOCTOR_REVIEW_URL, extension: [{ url: 'time', valueDateTime: 'x' }] }],
      }),
    ).toBeNull();
  });
});
