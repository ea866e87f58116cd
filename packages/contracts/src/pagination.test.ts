import { describe, expect, it } from 'vitest';
import { nextPageUrl, pageLimit, PAGE_SIZES } from './pagination';

describe('nextPageUrl', () => {
  it('finds the rel="next" target of a Link header, among others or alone', () => {
    expect(nextPageUrl('</api/patients/?limit=100&offset=100>; rel="next"')).toBe(
      '/api/patients/?limit=100&offset=100',
    );
    expect(nextPageUrl('</a?page=1>; rel="prev", </a?page=3>; rel=next; title="more"')).toBe(
      '/a?page=3',
    );
    expect(nextPageUrl('</a?page=1>; rel="prev"')).toBeNull();
    expect(nextPageUrl(null)).toBeNull();
    expect(nextPageUrl('')).toBeNull();
  });
});

describe('pageLimit', () => {
  it('defaults when absent and refuses more than the maximum', () => {
    const limit = pageLimit(PAGE_SIZES.audit);
    expect(limit.parse(undefined)).toBe(PAGE_SIZES.audit.default);
    expect(limit.parse('7')).toBe(7);
    expect(limit.safeParse(String(PAGE_SIZES.audit.max + 1)).success).toBe(false);
    expect(limit.safeParse('0').success).toBe(false);
  });
});
