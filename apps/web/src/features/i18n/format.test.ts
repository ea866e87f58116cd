import { describe, expect, it } from 'vitest';
import { formatAgo, formatDateTime, formatDay, formatNumber, latinDigits } from './format';

// vitest.config.ts runs tests in Asia/Kolkata (UTC+05:30), as the phones are.
const instant = '2024-12-05T04:30:00.000Z';

describe('formatDateTime', () => {
  it('shows the phone’s local time, not UTC, with the month in full', () => {
    expect(formatDateTime('en', instant)).toBe('5 December 2024, 10:00 am');
    expect(formatDateTime('hi', instant)).toBe('5 दिसंबर 2024, 10:00 am');
    expect(formatDateTime('pa', instant)).toBe('5 ਦਸੰਬਰ 2024, 10:00 am');
  });

  it('never abbreviates a Punjabi month', () => {
    const months = ['ਅਪ੍ਰੈਲ', 'ਜੁਲਾਈ', 'ਸਤੰਬਰ', 'ਅਕਤੂਬਰ', 'ਨਵੰਬਰ', 'ਦਸੰਬਰ'];
    const shown = [4, 7, 9, 10, 11, 12].map((month) =>
      formatDay('pa', `2024-${String(month).padStart(2, '0')}-15`),
    );
    expect(shown).toEqual(months.map((name) => `15 ${name} 2024`));
  });
});

describe('formatDay', () => {
  it('shows a date of birth as the day it names', () => {
    expect(formatDay('en', '1985-03-02')).toBe('2 March 1985');
    expect(formatDay('hi', '1985-03-02')).toBe('2 मार्च 1985');
    expect(formatDay('pa', '1985-03-02')).toBe('2 ਮਾਰਚ 1985');
  });

  it('reads an instant in local time (late evening UTC is the next day in India)', () => {
    expect(formatDay('en', '2024-12-05T20:00:00Z')).toBe('6 December 2024');
  });
});

describe('formatAgo', () => {
  const now = Date.parse(instant);
  it('says "just now" under a minute, in each language', () => {
    expect(formatAgo('en', now - 20_000, now)).toBe('just now');
    expect(formatAgo('hi', now - 20_000, now)).toBe('अभी-अभी');
    expect(formatAgo('pa', now, now)).toBe('ਹੁਣੇ-ਹੁਣੇ');
  });

  it('gives minutes, hours and days as each language says them', () => {
    expect(formatAgo('en', now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatAgo('hi', now - 5 * 60_000, now)).toBe('5 मिनट पहले');
    expect(formatAgo('pa', now - 2 * 3_600_000, now)).toBe('2 ਘੰਟੇ ਪਹਿਲਾਂ');
    expect(formatAgo('hi', now - 3_600_000, now)).toBe('1 घंटा पहले');
    expect(formatAgo('en', now - 86_400_000, now)).toBe('yesterday');
    expect(formatAgo('hi', now - 86_400_000, now)).toBe('कल');
    expect(formatAgo('pa', now - 30 * 3_600_000, now)).toBe('ਕੱਲ੍ਹ');
    expect(formatAgo('hi', now - 3 * 86_400_000, now)).toBe('3 दिन पहले');
    expect(formatAgo('en', now - 60_000, now)).toBe('1 minute ago');
  });
});

describe('formatNumber', () => {
  it('uses Latin digits with Indian grouping', () => {
    expect(formatNumber(1234567)).toBe('12,34,567');
    expect(formatNumber(100000)).toBe('1,00,000');
    expect(formatNumber(37.25, 1)).toBe('37.3');
  });
});

describe('latinDigits', () => {
  it('reads digits typed on a Hindi or Punjabi keyboard', () => {
    expect(latinDigits('९८७६५')).toBe('98765');
    expect(latinDigits('੯੮੭੬੫ 43')).toBe('98765 43');
    expect(latinDigits('Asha 12')).toBe('Asha 12');
  });
});
