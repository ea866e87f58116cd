import { IntlMessageFormat } from 'intl-messageformat';
import { intlLocale } from './locales';
import type { Locale } from './locales';
import { MESSAGES } from './messages';
import type { MessageKey } from './messages/en';

/** Values for a message's arguments: `{name}`, `{count, number}`, `{count, plural, …}`. */
export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/**
 * Rich-text tags are off: no message uses them, and a stray `<` in a translation must stay text.
 * Placeholders and plural/select rules follow ICU MessageFormat, with each locale's CLDR rules.
 */
export const PARSE_OPTIONS = { ignoreTag: true } as const;

const cache = new Map<string, IntlMessageFormat>();

function formatterFor(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = cache.get(id);
  if (!format) {
    format = new IntlMessageFormat(
      MESSAGES[locale][key],
      intlLocale(locale),
      undefined,
      PARSE_OPTIONS,
    );
    cache.set(id, format);
  }
  return format;
}

/** `key` in `locale`, its arguments filled in; the raw message if a value is missing or wrong. */
export function translate(locale: Locale, key: MessageKey, values?: MessageValues): string {
  try {
    return String(formatterFor(locale, key).format(values));
  } catch {
    // A message test guards every argument; a screen must still render if one slips through.
    return MESSAGES[locale][key];
  }
}

export function translator(locale: Locale): Translate {
  return (key, values) => translate(locale, key, values);
}
