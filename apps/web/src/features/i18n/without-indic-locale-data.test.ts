import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Desktop Chromium has no Punjabi number, date or relative-time data: asked for `pa`, Intl falls
 * back to root data ("2024 M12 5", 1,234,567, English "yesterday"). This fakes that browser (its
 * locale data is outside our control) and checks that what the app shows does not change.
 */
const real = { NumberFormat: Intl.NumberFormat, DateTimeFormat: Intl.DateTimeFormat };
const lacksData = (locales: unknown) => /^(pa|hi)\b/.test(String([locales].flat()[0] ?? ''));

beforeEach(async () => {
  vi.resetModules();
  // A fresh module registry: its dictionaries load again.
  const { loadMessages } = await import('./messages');
  await Promise.all([loadMessages('hi'), loadMessages('pa')]);
  // Constructors: `function`, not arrows, so `new` works on the stand-ins.
  vi.spyOn(Intl, 'NumberFormat').mockImplementation(function (locales, options) {
    return new real.NumberFormat(lacksData(locales) ? 'en-US' : locales, options);
  });
  vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (locales, options) {
    return new real.DateTimeFormat(lacksData(locales) ? 'und' : locales, options);
  });
  vi.spyOn(Intl, 'RelativeTimeFormat').mockImplementation(function () {
    throw new Error('no relative-time data for this language');
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('in a browser without Hindi and Punjabi locale data', () => {
  it('still groups counts the Indian way inside messages', async () => {
    const { translate } = await import('./translate');
    expect(translate('pa', 'medicines.inStock', { count: 150000 })).toBe('ਸਟਾਕ ਵਿੱਚ: 1,50,000');
    expect(translate('hi', 'patients.count', { count: 1234567 })).toBe('12,34,567 मरीज़');
  });

  it('still writes Punjabi and Hindi month names and relative times', async () => {
    const { formatAgo, formatDateTime } = await import('./format');
    expect(formatDateTime('pa', '2024-12-05T04:30:00Z')).toBe('5 ਦਸੰਬਰ 2024, 10:00 am');
    expect(formatDateTime('hi', '2024-04-05T04:30:00Z')).toBe('5 अप्रैल 2024, 10:00 am');
    const now = Date.parse('2024-12-05T04:30:00Z');
    expect(formatAgo('pa', now - 86_400_000, now)).toBe('ਕੱਲ੍ਹ');
    expect(formatAgo('pa', now - 2 * 3_600_000, now)).toBe('2 ਘੰਟੇ ਪਹਿਲਾਂ');
  });
});
