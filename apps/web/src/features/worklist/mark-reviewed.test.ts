import { describe, expect, it } from 'vitest';
import { doctorReviewOf } from '@healthsync/contracts';
import { reviewedExtensions } from './mark-reviewed';

describe('reviewedExtensions', () => {
  it("keeps the record's other extensions and adds the doctor's review", () => {
    const other = { url: 'https://example.org/x', valueString: 'kept' };
    const changes = reviewedExtensions(
      { extension: [other] },
      'd1',
      new Date('2026-12-06T09:00:00Z'),
    );
    expect(changes.extension[0]).toEqual(other);
    expect(doctorReviewOf(changes)).toEqual({ doctorId: 'd1', at: '2026-12-06T09:00:00.000Z' });
  });
});
