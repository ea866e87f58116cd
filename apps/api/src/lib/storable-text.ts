import type { FastifyRequest } from 'fastify';
import { invalidField } from './errors';

/** NUL, or half of a UTF-16 surrogate pair: PostgreSQL refuses both in text and JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE = { test: (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text) };

/** The dotted path of the first string (or key) in `value` that the database cannot store. */
export function unstorableTextPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return childPath;
    const found = unstorableTextPath(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * preValidation hook: refuses text the database would choke on (a 500 before) with a 400 naming
 * the field, for the body, the query string and the path parameters alike.
 */
export async function rejectUnstorableText(request: FastifyRequest): Promise<void> {
  for (const part of [request.params, request.query, request.body]) {
    const path = unstorableTextPath(part);
    if (path !== undefined) {
      throw invalidField(
        path || 'body',
        'Contains a character that cannot be stored (NUL or an unpaired surrogate).',
      );
    }
  }
}
