import type { Endpoint } from '@healthsync/contracts';
import type { z } from 'zod';

type Present<T> = Exclude<T, undefined>;

/**
 * The route options of a contracts endpoint (method, URL, schemas, OpenAPI text) with the API's
 * error responses: `app.route({ ...endpointRoute(ENDPOINTS.x, errors), handler })`.
 */
export function endpointRoute<E extends Endpoint, Errors extends Record<number, z.ZodType>>(
  endpoint: E,
  errors: Errors,
) {
  const schema = {
    tags: [...endpoint.tags],
    summary: endpoint.summary,
    description: endpoint.description,
    params: endpoint.params as Present<E['params']>,
    querystring: endpoint.query as Present<E['query']>,
    body: endpoint.body as Present<E['body']>,
    response: { ...endpoint.responses, ...errors } as E['responses'] & Errors,
  };
  // Fastify and its OpenAPI generator take an absent part as absent, not as `undefined` (nor a
  // stream's answer, which has no schema, as an empty map).
  if (Object.keys(schema.response).length === 0) delete (schema as Partial<typeof schema>).response;
  for (const key of Object.keys(schema) as (keyof typeof schema)[])
    if (schema[key] === undefined) delete schema[key];
  return { method: endpoint.method, url: endpoint.path, schema };
}
