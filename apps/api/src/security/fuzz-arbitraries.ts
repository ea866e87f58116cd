import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { uploadChange } from './fuzz-batch';
import { deepValue } from './fuzz-input-classes';
import { fromSchema, idArbitrary, mutation, mutate, nastyString, toJsonText } from './fuzz-values';
import { type RouteInfo, type RouteTable, urlOf } from './route-table';

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

/** encodeURIComponent that survives lone surrogates (a URL cannot carry them). */
const encode = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

/** The arbitrary of one request against one of the routes, as one of the users. */
export function fuzzCase(world: FuzzWorld): fc.Arbitrary<FuzzCase> {
  const { routes } = world.table;
  const idArb = idArbitrary(world);
  const plainAny = fc.jsonValue({ maxDepth: 3 });
  const change = uploadChange(world);
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
        arbitrary: deepValue.map((marker) => ({ text: toJsonText(marker), note: 'deep' })),
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

  // Routes that take a body twice as often: bodies are where the input classes go.
  const routeArb = fc.oneof(
    fc.constantFrom(...routes),
    fc.constantFrom(...routes.filter((route) => route.body)),
  );

  return fc
    .tuple(routeArb, userArb)
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
