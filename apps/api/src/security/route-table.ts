import type { FastifyInstance } from 'fastify';

/** A JSON Schema node of the OpenAPI document (only the parts the tests read). */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
};

type OpenApiOperation = {
  parameters?: { in: string; name: string; schema?: JsonSchema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

/** One route as the router knows it, with what the OpenAPI document says of it (if anything). */
export type RouteInfo = {
  method: string;
  /** Router syntax without the trailing slash: `/api/patients/:id`, `/docs/*`. */
  path: string;
  /** `GET /api/patients/:id`: stable, for tables keyed by route. */
  key: string;
  params: string[];
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | undefined;
  documented: boolean;
};

export type RouteTable = {
  routes: RouteInfo[];
  /** Resolves `$ref`s of the OpenAPI document. */
  resolve: (schema: JsonSchema) => JsonSchema;
};

/**
 * Every route the app serves, read from the router itself (`printRoutes`), so a route added
 * tomorrow is fuzzed and must be classified by the security tests without anyone listing it.
 * Schemas come from /api/openapi.json where the route is documented.
 */
export async function routeTable(app: FastifyInstance): Promise<RouteTable> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
    paths: Record<string, Record<string, OpenApiOperation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  }>();
  const operations = new Map<string, OpenApiOperation>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      operations.set(`${method.toUpperCase()} ${normalise(path.replace(/\{(\w+)\}/g, ':$1'))}`, op);
    }
  }
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.split('/').pop()!;
    return resolve(doc.components?.schemas?.[name] ?? {});
  };

  const routes: RouteInfo[] = [];
  for (const { path, methods } of parsePrintedRoutes(app.printRoutes({ commonPrefix: false }))) {
    for (const method of methods) {
      const key = `${method} ${path}`;
      const op =
        operations.get(key) ?? (method === 'HEAD' ? operations.get(`GET ${path}`) : undefined);
      const bodySchema = op?.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method,
        path,
        key,
        params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
        query: (op?.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: bodySchema && resolve(bodySchema),
        documented: op !== undefined,
      });
    }
  }
  routes.sort((a, b) => a.key.localeCompare(b.key));
  return { routes, resolve };
}

const normalise = (path: string) => (path.length > 1 ? path.replace(/\/$/, '') : path);

/** Parses `printRoutes({ commonPrefix: false })`: a tree whose children extend their parent's path. */
export function parsePrintedRoutes(tree: string): { path: string; methods: string[] }[] {
  const stack: string[] = [];
  const out: { path: string; methods: string[] }[] = [];
  for (const line of tree.split('\n')) {
    const marker = line.search(/[├└]── /);
    if (marker < 0) continue;
    const depth = Math.floor(marker / 4);
    const match = /^(.*?)(?: \(([^)]*)\))?$/.exec(line.slice(marker + 4).trim());
    if (!match) continue;
    const segment = match[1]!;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + segment;
    stack[depth] = path;
    if (match[2]) {
      out.push({ path: normalise(path), methods: match[2].split(',').map((m) => m.trim()) });
    }
  }
  return out;
}

/** Fills the route's parameters, e.g. `/api/patients/:id` + {id} → `/api/patients/<id>/`. */
export function urlOf(route: RouteInfo, params: Record<string, string>, slash = true): string {
  const filled = route.path
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))
    .replace(/\*$/, params['*'] ?? 'x');
  return slash && !filled.endsWith('/') && !/\.\w+$/.test(filled) ? `${filled}/` : filled;
}
