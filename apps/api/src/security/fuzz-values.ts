import fc from 'fast-check';
import type { FuzzWorld } from './fuzz-arbitraries';
import {
  calendarDateText,
  deepValue,
  expandDeep,
  hugeText,
  timestampText,
} from './fuzz-input-classes';
import type { JsonSchema } from './route-table';

/** Values the fuzz cases are made of: nasty strings, schema-shaped values and their mutations. */

const PROTO_KEY = '__fuzz_proto_key__';

/** Strings that break naive code: NUL, lone surrogates, RTL, SQL/HTML, huge, numeric-looking. */
export const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF\uD800',
    '\u202Eevil',
    'ﷺ',
    '𝕳𝖊𝖑𝖑𝖔 👩🏽‍⚕️',
    "'; DROP TABLE patient; --",
    '<script>alert(1)</script>',
    '${7*7}',
    '../../etc/passwd',
    '%00',
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e309',
    '99999999999999999999',
    'true',
    '__proto__',
    'constructor',
    'prototype',
    '0x10',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
);

export const wrongValue = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 31, -(2 ** 63), 1e308, [], {}, [null], { a: 1 }),
  nastyString,
  fc.jsonValue({ maxDepth: 2 }),
);

/** A valid-looking value of the schema: the fields exist, most values are plausible. */
export function fromSchema(
  schema: JsonSchema,
  world: FuzzWorld,
  idArb: fc.Arbitrary<string>,
  anyArb: fc.Arbitrary<unknown>,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = world.table.resolve(schema);
  const next = (child: JsonSchema) => fromSchema(child, world, idArb, anyArb, depth + 1);
  if (depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map(next));
  if (s.allOf?.length) return next(s.allOf[0]!);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => next({ ...s, type })));
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return idArb;
      if (s.format === 'date-time') return timestampText(world.cursors);
      if (s.format === 'date') return calendarDateText;
      if (s.format === 'email') return fc.emailAddress();
      return fc.oneof(
        { weight: 8, arbitrary: fc.string({ minLength: s.minLength ?? 1, maxLength: 24 }) },
        { weight: 1, arbitrary: timestampText(world.cursors) },
        { weight: 1, arbitrary: nastyString },
      );
    case 'integer':
      return fc.integer({
        min: Math.max(s.minimum ?? -5, -1_000_000),
        max: Math.min(s.maximum ?? 1_000, 1_000_000),
      });
    case 'number':
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        min: Math.max(s.minimum ?? -1e6, -1e6),
        max: Math.min(s.maximum ?? 1e6, 1e6),
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? next(s.items) : anyArb, {
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      if (!keys.length) {
        return fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 4,
        });
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) model[key] = next(props[key]!);
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in model) });
    }
    default:
      return anyArb;
  }
}

export type Mutation = {
  kind: 'drop' | 'wrong-type' | 'unknown-key' | 'proto' | 'constructor' | 'huge' | 'deep' | 'none';
  pick: number;
  key: string;
  value: unknown;
  /** A deep-value marker (expanded in the JSON text) or a string around a JSON field's bound. */
  big: string;
};

/** Applies a mutation at one object of the value, chosen among all nested objects. */
export function mutate(value: unknown, m: Mutation): unknown {
  if (m.kind === 'none') return value;
  const copy = structuredClone(value);
  const containers: Record<string, unknown>[] = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      if (!Array.isArray(v)) containers.push(v as Record<string, unknown>);
      for (const child of Object.values(v)) walk(child);
    }
  };
  walk(copy);
  const target = containers[m.pick % Math.max(containers.length, 1)];
  if (!target) return m.value;
  const keys = Object.keys(target);
  const existing = keys.length ? keys[m.pick % keys.length]! : m.key;
  switch (m.kind) {
    case 'drop':
      delete target[existing];
      break;
    case 'wrong-type':
      target[existing] = m.value;
      break;
    case 'unknown-key':
      target[m.key || 'extra'] = m.value;
      break;
    case 'proto':
      target[PROTO_KEY] = { role: 'admin', polluted: true };
      break;
    case 'constructor':
      Object.assign(target, { constructor: { prototype: { polluted: true } } });
      break;
    case 'huge':
      // Around one JSON field's bound, and the test app's 256 KiB body limit: some fit, some 413.
      target[existing] = m.pick % 2 ? m.big : 'h'.repeat(1_000 + (m.pick % 400_000));
      break;
    case 'deep':
      target[existing] = m.big;
      break;
  }
  return copy;
}

export const mutation: fc.Arbitrary<Mutation> = fc
  .record({
    kind: fc.constantFrom(
      'drop',
      'wrong-type',
      'unknown-key',
      'proto',
      'constructor',
      'huge',
      'deep',
      'none',
    ),
    pick: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('id', 'facility_id', 'role')),
    value: wrongValue,
  })
  .chain((m) =>
    (m.kind === 'deep' ? deepValue : m.kind === 'huge' ? hugeText : fc.constant('')).map((big) => ({
      ...m,
      big,
    })),
  );

export const toJsonText = (value: unknown) =>
  expandDeep(JSON.stringify(value) ?? 'null').replaceAll(`"${PROTO_KEY}"`, '"__proto__"');

/** Ids as requests carry them: mostly ones that exist, some random, some not ids at all. */
export const idArbitrary = (world: FuzzWorld): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...world.knownIds) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: nastyString },
  );
