import { describe, expect, it } from 'vitest';
import { changedVisitFields } from './visit-fields';
import type { VisitValues } from './visit-fields';

const opened: VisitValues = {
  status: 'CONFIRMED',
  symptoms: 'Cough',
  diagnosis: '',
  prescription: '',
  follow_up_date: '2026-12-20',
};

describe('changedVisitFields', () => {
  it('sends a new follow-up date as the date', () => {
    expect(changedVisitFields(opened, { ...opened, follow_up_date: '2026-12-27' })).toEqual({
      follow_up_date: '2026-12-27',
    });
  });

  it('sends a cleared follow-up date as null, not an empty string', () => {
    expect(changedVisitFields(opened, { ...opened, follow_up_date: '' })).toEqual({
      follow_up_date: null,
    });
  });

  it('leaves out what did not change', () => {
    expect(changedVisitFields(opened, { ...opened, symptoms: 'Cough ' })).toEqual({});
  });
});
