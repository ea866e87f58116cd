import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { INTL_LOCALES, LOCALES } from '../locales';
import { PARSE_OPTIONS } from '../translate';
import { en } from './en';
import { hi } from './hi';
import { pa } from './pa';
import type { MessageKey } from './en';

const TYPE_NAMES: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: 'text',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.select]: 'select',
  [TYPE.plural]: 'plural',
  [TYPE.tag]: 'tag',
};

/** Every argument a message uses, as "name: type" (a select also lists its options). */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        found.add(`${element.value}: ${TYPE_NAMES[element.type]}`);
        break;
      case TYPE.select:
        found.add(`${element.value}: select(${Object.keys(element.options).sort().join('|')})`);
        for (const option of Object.values(element.options)) argumentsOf(option.value, found);
        break;
      case TYPE.plural:
        found.add(`${element.value}: ${element.pluralType === 'ordinal' ? 'ordinal' : 'plural'}`);
        for (const option of Object.values(element.options)) argumentsOf(option.value, found);
        break;
      case TYPE.tag:
        found.add(`<${element.value}>: tag`);
        argumentsOf(element.children, found);
        break;
      default:
        break;
    }
  }
  return found;
}

/** Every plural selector used, e.g. "count: one". */
function pluralSelectors(elements: MessageFormatElement[], found: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      for (const [selector, option] of Object.entries(element.options)) {
        found.push(`${element.value}: ${selector}`);
        pluralSelectors(option.value, found);
      }
    } else if (element.type === TYPE.select) {
      for (const option of Object.values(element.options)) pluralSelectors(option.value, found);
    }
  }
  return found;
}

const MESSAGES = { en, hi, pa };
const keys = Object.keys(en) as MessageKey[];
const sorted = (set: Set<string>) => [...set].sort();

describe.each(LOCALES)('messages in %s', (locale) => {
  const messages = MESSAGES[locale];

  it('has exactly the keys of English', () => {
    expect(Object.keys(messages).sort()).toEqual([...keys].sort());
  });

  it('parses as ICU MessageFormat', () => {
    const broken = keys.filter((key) => {
      try {
        parse(messages[key], PARSE_OPTIONS);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it('uses exactly the arguments of the English message, with the same types', () => {
    const mismatches = keys
      .map((key) => ({
        key,
        english: sorted(argumentsOf(parse(en[key], PARSE_OPTIONS))),
        translated: sorted(argumentsOf(parse(messages[key], PARSE_OPTIONS))),
      }))
      .filter(({ english, translated }) => JSON.stringify(english) !== JSON.stringify(translated));
    expect(mismatches).toEqual([]);
  });

  it("uses only this language's plural categories, and always gives `other`", () => {
    const categories = new Intl.PluralRules(INTL_LOCALES[locale]).resolvedOptions()
      .pluralCategories as string[];
    const wrong = keys.flatMap((key) => {
      const selectors = pluralSelectors(parse(messages[key], PARSE_OPTIONS));
      const argumentNames = new Set(selectors.map((s) => s.split(': ')[0]));
      const missingOther = [...argumentNames]
        .filter((name) => !selectors.includes(`${name}: other`))
        .map((name) => `${key}: ${name} has no "other"`);
      const foreign = selectors
        .filter((s) => {
          const selector = s.split(': ')[1] ?? '';
          return !selector.startsWith('=') && !categories.includes(selector);
        })
        .map((s) => `${key}: ${s}`);
      return [...missingOther, ...foreign];
    });
    expect(wrong).toEqual([]);
  });

  it('writes Punjabi only in Gurmukhi and Hindi only in Devanagari', () => {
    const foreign = locale === 'pa' ? /[\u0900-\u0963\u0966-\u097F]/ : /[\u0A00-\u0A7F]/;
    expect(keys.filter((key) => foreign.test(messages[key]))).toEqual([]);
  });
});

describe('the argument check', () => {
  it('catches a renamed argument, a lost plural and a changed select', () => {
    const of = (text: string) => sorted(argumentsOf(parse(text, PARSE_OPTIONS)));
    expect(of('{count, plural, one {# x} other {# xs}}')).not.toEqual(of('{count} xs'));
    expect(of('Hello {name}')).not.toEqual(of('Hello {naam}'));
    expect(of('{g, select, Female {a} other {b}}')).not.toEqual(of('{g, select, other {b}}'));
    expect(of('{n, plural, one {{who} came} other {# came}}')).toEqual(['n: plural', 'who: text']);
  });
});
