import { IntlMessageFormat } from 'intl-messageformat';
import type { Formatters } from 'intl-messageformat';
import { NUMERIC_LOCALE, intlLocale } from './locales';
import type { Locale } from './locales';
import { loadedMessages } from './messages';
import { en } from './messages/en';
import type { MessageKey } from './messages/en';

/** Values for a message's arguments: `{name}`, `{count, number}`, `{count, plural, …}`. */
export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/**
 * Rich-text tags are off: no message uses them, and a stray `<` in a translation must stay text.
 * Placeholders and plural/select rules follow ICU MessageFormat, with each locale's CLDR rules.
 */
export const PARSE_OPTIONS = { ignoreTag: true } as const;

function memo<A extends unknown[], R>(make: (...args: A) => R): (...args: A) => R {
  const made = new Map<string, R>();
  return (...args) => {
    const id = JSON.stringify(args);
    let value = made.get(id);
    if (value === undefined) {
      value = make(...args);
      made.set(id, value);
    }
    return value;
  };
}

/**
 * Plural rules are the message's language's; numbers are always NUMERIC_LOCALE (Latin digits,
 * Indian grouping), which every browser has data for.
 */
const FORMATTERS: Formatters = {
  getNumberFormat: memo((_locales, options) => new Intl.NumberFormat(NUMERIC_LOCALE, options)),
  getDateTimeFormat: memo((...args) => new Intl.DateTimeFormat(...args)),
  getPluralRules: memo((...args) => new Intl.PluralRules(...args)),
};

const cache = new Map<string, IntlMessageFormat>();

function formatterFor(locale: Locale, text: string): IntlMessageFormat {
  const id = `${locale}\u0000${text}`;
  let format = cache.get(id);
  if (!format) {
    format = new IntlMessageFormat(text, intlLocale(locale), undefined, {
      ...PARSE_OPTIONS,
      formatters: FORMATTERS,
    });
    cache.set(id, format);
  }
  return format;
}

/**
 * `key` in `locale` (in English until that language's dictionary has loaded), its arguments
 * filled in; the raw message if a value is missing or wrong.
 */
export function translate(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const messages = loadedMessages(locale);
  const [language, text] = messages ? [locale, messages[key]] : (['en', en[key]] as const);
  try {
    return String(formatterFor(language, text).format(values));
  } catch {
    // A message test guards every argument; a screen must still render if one slips through.
    return text;
  }
}

export function translator(locale: Locale): Translate {
  return (key, values) => translate(locale, key, values);
}
