import { describe, expect, it } from 'vitest';
import { translate } from './translate';

describe('translate', () => {
  it('fills in named arguments', () => {
    expect(translate('en', 'vitals.recordFor', { name: 'Asha Devi' })).toBe('Vitals: Asha Devi');
    expect(translate('hi', 'patients.deleteTitle', { name: 'आशा' })).toBe('आशा को हटाएँ?');
  });

  it('chooses the plural form of each language (hi and pa: 0 and 1 are "one")', () => {
    expect(translate('en', 'patients.count', { count: 1 })).toBe('1 patient');
    expect(translate('en', 'patients.count', { count: 0 })).toBe('0 patients');
    expect(translate('en', 'admin.users.count', { count: 2 })).toBe('2 accounts');
    expect(translate('hi', 'admin.users.count', { count: 1 })).toBe('1 खाता');
    expect(translate('hi', 'admin.users.count', { count: 0 })).toBe('0 खाता');
    expect(translate('hi', 'admin.users.count', { count: 3 })).toBe('3 खाते');
    expect(translate('pa', 'admin.devices.summary', { count: 1, attention: 0 })).toBe(
      '1 ਡਿਵਾਈਸ, ਕਿਸੇ ਵੱਲ ਧਿਆਨ ਦੀ ਲੋੜ ਨਹੀਂ',
    );
    expect(translate('pa', 'admin.devices.summary', { count: 4, attention: 2 })).toBe(
      '4 ਡਿਵਾਈਸਾਂ, 2 ਵੱਲ ਧਿਆਨ ਦਿਓ',
    );
    expect(translate('en', 'admin.devices.summary', { count: 1, attention: 1 })).toBe(
      '1 device, 1 needs a look',
    );
  });

  it('makes the verbs agree with one unsynced change', () => {
    expect(translate('en', 'signOut.unsyncedBody', { count: 1 })).toMatch(
      /^1 change is only on this device\. If you sign out now it stays/,
    );
    expect(translate('en', 'signOut.unsyncedBody', { count: 3 })).toMatch(/^3 changes are only/);
    expect(translate('hi', 'signOut.unsyncedBody', { count: 1 })).toMatch(
      /^1 बदलाव अभी केवल इस डिवाइस पर है।.* वह यहीं रहेगा/,
    );
    expect(translate('hi', 'signOut.unsyncedBody', { count: 2 })).toMatch(/पर हैं।.* वे यहीं रहेंगे/);
    expect(translate('pa', 'signOut.unsyncedBody', { count: 1 })).toMatch(/ਉਹ ਇੱਥੇ ਹੀ ਰਹੇਗਾ/);
    expect(translate('pa', 'signOut.unsyncedBody', { count: 5 })).toMatch(/ਉਹ ਇੱਥੇ ਹੀ ਰਹਿਣਗੇ/);
  });

  it('writes counts with Latin digits and Indian grouping in every language', () => {
    expect(translate('en', 'medicines.inStock', { count: 150000 })).toBe('In stock: 1,50,000');
    expect(translate('hi', 'sync.pending', { count: 1234567 })).toBe('सिंक बाकी: 12,34,567');
    expect(translate('pa', 'patients.count', { count: 100000 })).toBe('1,00,000 ਮਰੀਜ਼');
  });

  it('names the unit in a range error', () => {
    expect(translate('en', 'vitals.error.range', { min: 86, max: 113, unit: '°F' })).toBe(
      'Enter a number from 86 to 113 °F.',
    );
    expect(translate('hi', 'vitals.error.range', { min: 30, max: 45, unit: '°C' })).toBe(
      '30 से 45 °C के बीच की संख्या डालें।',
    );
    expect(translate('pa', 'vitals.error.range', { min: 0.3, max: 400, unit: 'kg' })).toBe(
      '0.3 ਤੋਂ 400 kg ਦੇ ਵਿਚਕਾਰ ਨੰਬਰ ਭਰੋ।',
    );
  });

  it('shows the message itself rather than failing when a value is missing', () => {
    expect(translate('en', 'patients.count')).toBe(
      '{count, plural, one {# patient} other {# patients}}',
    );
  });
});
