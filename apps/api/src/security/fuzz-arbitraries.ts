import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { type JsonSchema, type RouteInfo, type RouteTable, urlOf } from './route-table';

/** Everything a fuzz case sends; `body` is the raw text (or bytes) on the wire. */
export type FuzzCase = {
  route: RouteInfo;
  user: string;
  url: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  /** For the failure message: what the generator meant to send. */
  note: string;
};

export type FuzzWorld = {
  table: RouteTable;
  /** Ids that exist: both facilities' rows, users, batches, conflicts. */
  knownIds: string[];
  /** Signed-in users and their access tokens; `anonymous` sends no token. */
  tokens: Record<string, string>;
  /** Cursors the server handed out (server_time, X-Last-Sync). */
  cursors: string[];
};

const PROTO_KEY = '__fuzz_proto_key__';

/** encodeURIComponent that survives lone surrogates (a URL cannot carry them). */
const encode = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

/** Strings that break naive code: NUL, lone surrogates, RTL, SQL/HTML, huge, numeric-looking. */
const nastyString = fc.oneof(
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

const timestampText = (cursors: string[]) =>
  fc.oneof(
    fc.constantFrom(
      '1970-01-01T00:00:00Z',
      '2026-01-01T00:00:00.123456Z',
      '2026-01-01T00:00:00.123456001Z',
      '2026-01-01T00:00:00',
      '2026-01-01 00:00:00',
      '2026-01-01T00:00:00+05:30',
      '2026-01-01T00:00:00 05:30',
      '9999-12-31T23:59:59.999999Z',
      '0001-01-01T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '2026-13-45T25:61:61Z',
      '2026-02-30T00:00:00Z',
      '1700000000',
      'now',
    ),
    ...(cursors.length ? [fc.constantFrom(...cursors)] : []),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );

const wrongValue = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 31, -(2 ** 63), 1e308, [], {}, [null], { a: 1 }),
  nastyString,
  fc.jsonValue({ maxDepth: 2 }),
);

/** A valid-looking value of the schema: the fields exist, most values are plausible. */
function fromSchema(
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
      if (s.format === 'date') return fc.constantFrom('1990-05-17', '2026-02-30', '17/05/1990');
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

type Mutation = {
  kind: 'drop' | 'wrong-type' | 'unknown-key' | 'proto' | 'constructor' | 'huge' | 'none';
  pick: number;
  key: string;
  value: unknown;
};

/** Applies a mutation at one object of the value, chosen among all nested objects. */
function mutate(value: unknown, m: Mutation): unknown {
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
      // Around the test app's 256 KiB body limit: some fit, some get 413.
      target[existing] = 'h'.repeat(1_000 + (m.pick % 400_000));
      break;
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(
    'drop',
    'wrong-type',
    'unknown-key',
    'proto',
    'constructor',
    'huge',
    'none',
  ),
  pick: fc.nat(),
  key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('id', 'facility_id', 'role')),
  value: wrongValue,
});

const toJsonText = (value: unknown) =>
  (JSON.stringify(value) ?? 'null').replaceAll(`"${PROTO_KEY}"`, '"__proto__"');

/** The arbitrary of one request against one of the routes, as one of the users. */
export function fuzzCase(world: FuzzWorld): fc.Arbitrary<FuzzCase> {
  const { routes } = world.table;
  const idArb = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...world.knownIds) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: nastyString },
  );
  const schemaOf = (key: string) => routes.find((r) => r.key === key)?.body;
  // A change of an upload batch: the payload looks like a row of one of the uploadable types.
  const payloads = [
    'POST /api/patients',
    'POST /api/records',
    'PUT /api/appointments/:id/sync_update',
  ]
    .map(schemaOf)
    .filter((s): s is JsonSchema => s !== undefined);
  const plainAny = fc.jsonValue({ maxDepth: 3 });
  const change = fc.record(
    {
      operation: fc.constantFrom('create', 'update', 'delete', 'upsert'),
      resource_type: fc.constantFrom(
        'Patient',
        'Appointment',
        'InventoryItem',
        'Observation',
        'Condition',
        'Doctor',
        'Medicine',
        'Pharmacy',
        'Unknown',
      ),
      server_id: idArb,
      client_temp_id: fc.oneof(fc.constantFrom('t1', 't2'), fc.string({ maxLength: 140 })),
      client_change_id: fc.oneof(fc.constantFrom('c1', 'c2'), fc.string({ maxLength: 140 })),
      base_version: fc.oneof(fc.integer({ min: -1, max: 5 }), wrongValue),
      client_updated_at: timestampText(world.cursors),
      payload: fc.oneof(
        ...payloads.map((s) => fromSchema(s, world, idArb, plainAny)),
        fc.record({ patient_id: idArb, appointment_date: timestampText(world.cursors) }),
        fc.record({ quantity_available: fc.integer({ min: -5, max: 1000 }) }),
        wrongValue,
      ),
    },
    { requiredKeys: ['operation', 'resource_type'] },
  );
  const anyArb = fc.oneof({ weight: 3, arbitrary: change }, { weight: 1, arbitrary: plainAny });

  const userArb = fc.constantFrom(...Object.keys(world.tokens), 'anonymous', 'anonymous');

  const authorization = (user: string) => {
    const token = world.tokens[user];
    if (!token) {
      return fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'Bearer',
            'Bearer ',
            'Basic dXNlcjpwYXNz',
            'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
            'Bearer a.b.c',
            'Bearer ' + 'A'.repeat(9000),
          ),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
      );
    }
    return fc.oneof(
      { weight: 12, arbitrary: fc.constant(`Bearer ${token}`) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          `bearer ${token}`,
          `Bearer  ${token}`,
          `Bearer ${token} extra`,
          `Token ${token}`,
          `Bearer ${token.slice(0, -2)}`,
          `Bearer ${token.split('.').slice(0, 2).join('.')}.`,
          token,
        ),
      },
    );
  };

  const headerText = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', ',', '*'));
  const headersArb = (user: string) =>
    fc.record(
      {
        authorization: authorization(user),
        'if-none-match': fc.oneof(fc.constantFrom('*', '"1"', 'W/"1"', '"x", W/"y"'), headerText),
        'if-match': fc.oneof(
          fc.constantFrom('"1"', '1', 'W/"2"', '"99999999999"', '"-1"', '*', '"1", "2"'),
          headerText,
        ),
        'x-device-id': fc.oneof(
          fc.constantFrom('phone-1', 'tablet:2', 'a'.repeat(129), 'a b'),
          headerText,
        ),
        'accept-encoding': fc.constantFrom('br', 'gzip', 'deflate', 'identity;q=0', 'zstd', '*'),
        origin: fc.constantFrom('http://localhost:3000', 'http://evil.example', 'null'),
        'x-request-id': headerText,
      },
      { requiredKeys: [] },
    );

  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'APPLICATION/JSON',
        'text/plain',
        'text/plain; charset=utf-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'application/xml',
        'application/merge-patch+json',
        'application/octet-stream',
        '',
        ';;;',
        'application/json, text/plain',
      ),
    },
  );
  const encoding = fc.oneof(
    { weight: 10, arbitrary: fc.constant('none') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'gzip',
        'gzip-lie',
        'br-lie',
        'deflate-lie',
        'identity',
        'x-unknown',
        'gzip, br',
      ),
    },
  );

  const bodyArb = (route: RouteInfo) => {
    const kinds: fc.WeightedArbitrary<{ text: string | undefined; note: string }>[] = [
      { weight: 1, arbitrary: fc.constant({ text: undefined, note: 'no body' }) },
      {
        weight: 1,
        arbitrary: fc
          .jsonValue({ maxDepth: 3 })
          .map((v) => ({ text: toJsonText(v), note: 'json' })),
      },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            fc.string({ maxLength: 60 }),
            fc.constantFrom(
              '{',
              '{"a":',
              '[1,',
              '{"a":1}{"b":2}',
              'nul',
              '\u0000',
              '{"a":"\\ud800"}',
            ),
          )
          .map((text) => ({ text, note: 'raw text' })),
      },
    ];
    if (route.body) {
      const valid = fromSchema(route.body, world, idArb, anyArb);
      kinds.push(
        {
          weight: 8,
          arbitrary: valid.map((v) => ({ text: toJsonText(v), note: 'valid-ish' })),
        },
        {
          weight: 8,
          arbitrary: fc.tuple(valid, mutation).map(([v, m]) => ({
            text: toJsonText(mutate(v, m)),
            note: `mutated (${m.kind})`,
          })),
        },
      );
    }
    return fc.oneof(...kinds);
  };

  const queryArb = (route: RouteInfo) => {
    const named = route.query.map(({ name, schema }) =>
      fc.tuple(
        fc.constant(name),
        fc.oneof(
          { weight: 4, arbitrary: fromSchema(schema, world, idArb, plainAny).map(String) },
          { weight: 1, arbitrary: nastyString.map((s) => s.slice(0, 2000)) },
        ),
      ),
    );
    const extra = fc.tuple(
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'since', 'limit', 'a[b]', '__proto__[role]'),
        fc.string({ maxLength: 8 }),
      ),
      fc.string({ maxLength: 20 }),
    );
    return fc
      .array(
        fc.oneof({ weight: 3, arbitrary: fc.oneof(...(named.length ? named : [extra])) }, extra),
        {
          maxLength: 4,
        },
      )
      .chain((pairs) =>
        fc.boolean().map((raw) =>
          pairs.length === 0
            ? ''
            : '?' +
              pairs
                .map(([k, v]) =>
                  // Sometimes unencoded, as a careless client sends it (`+` in an offset…).
                  raw
                    ? `${k}=${v.replace(/[#&?%\s\u0080-\uffff]/g, encode)}`
                    : `${encode(k)}=${encode(v)}`,
                )
                .join('&'),
        ),
      );
  };

  const paramArb = fc.oneof(
    { weight: 8, arbitrary: idArb.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '.', '%2F', 'a%00b') },
  );

  return fc
    .tuple(fc.constantFrom(...routes), userArb)
    .chain(([route, user]) =>
      fc.record({
        route: fc.constant(route),
        user: fc.constant(user),
        params: fc.array(paramArb, {
          minLength: route.params.length + 1,
          maxLength: route.params.length + 1,
        }),
        slash: fc.boolean(),
        query: queryArb(route),
        headers: headersArb(user),
        body: bodyArb(route),
        contentType,
        encoding,
      }),
    )
    .map(
      ({ route, user, params, slash, query, headers, body, contentType: type, encoding: enc }) => {
        // Parameters were encoded above (or deliberately left broken), so they go in as they are.
        let path = route.path;
        route.params.forEach((name, i) => {
          path = path.replace(`:${name}`, params[i]!);
        });
        path = path.replace(/\*$/, params[route.params.length]!);
        if (!path.startsWith('/')) path = `/${path}`;
        const url = urlOf({ ...route, path, params: [] }, {}, slash) + query;
        const sent: Record<string, string> = {};
        for (const [name, value] of Object.entries(headers))
          if (value !== undefined) sent[name] = value;
        let payload: string | Buffer | undefined = body.text;
        if (payload !== undefined) {
          if (type) sent['content-type'] = type;
          if (enc === 'gzip' || enc === 'gzip, br') payload = gzipSync(payload);
          if (enc !== 'none') sent['content-encoding'] = enc.replace(/-lie$/, '');
        }
        return { route, user, url, headers: sent, body: payload, note: body.note };
      },
    );
}
