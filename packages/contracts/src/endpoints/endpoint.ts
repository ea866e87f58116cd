import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint as both sides see it: the API registers its route from it (schemas, OpenAPI
 * summary) and a client builds its URL and checks its answer by it. `responses` holds the answers
 * with a shape of their own (the successes, and e.g. a 409 that carries the server's row); the
 * other error bodies are the API's common ones (errors.ts).
 */
export interface Endpoint {
  readonly method: HttpMethod;
  /** With `:name` path parameters, as the router matches it. */
  readonly path: string;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly responses: Readonly<Record<number, z.ZodType>>;
}

export const endpoint = <const E extends Endpoint>(e: E): E => e;

type SuccessStatus<E extends Endpoint> = Extract<keyof E['responses'], 200 | 201 | 202 | 204>;

/** What a successful call of the endpoint answers (unknown for an endpoint not known exactly). */
export type EndpointAnswer<E extends Endpoint> = [SuccessStatus<E>] extends [never]
  ? unknown
  : z.output<E['responses'][SuccessStatus<E>]>;

/** The schema of an endpoint's successful answer (its lowest 2xx). */
export function answerSchemaOf<E extends Endpoint>(e: E): z.ZodType<EndpointAnswer<E>> {
  const status = Object.keys(e.responses)
    .map(Number)
    .filter((code) => code >= 200 && code < 300)
    .sort((a, b) => a - b)[0];
  if (status === undefined) throw new Error(`${e.method} ${e.path} has no successful answer`);
  return e.responses[status] as z.ZodType<EndpointAnswer<E>>;
}

/** A paged list's description (the body is the bare array the spec shows). */
export const PAGED_LIST_DESCRIPTION =
  'A bare array of at most `limit` rows. While `X-Has-More` is true, the `Link` header (rel="next") is the URL of the next page.';

/** The URL of an endpoint: its path with `params` filled in, and `query` (undefined values left out). */
export function endpointUrl(
  e: Pick<Endpoint, 'path'>,
  params: Readonly<Record<string, string>> = {},
  query: Readonly<Record<string, string | number | boolean | undefined>> = {},
): string {
  const path = e.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${e.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const text = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return text ? `${path}?${text}` : path;
}
