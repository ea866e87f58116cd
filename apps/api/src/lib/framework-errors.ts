import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HealthSyncError } from '@healthsync/contracts';

type Issue = {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
};

/** Turns schema-validation issues into `{field: message}`, naming each field by its dotted path. */
function fieldErrors(issues: Issue[], context: string | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
    const keys =
      issue.keyword === 'unrecognized_keys'
        ? (issue.params?.keys as string[] | undefined)
        : undefined;
    if (keys?.length) {
      for (const key of keys) errors[path ? `${path}.${key}` : key] = 'Unknown field.';
      continue;
    }
    const field = path || context || 'body';
    errors[field] ??= issue.message ?? 'Invalid value.';
  }
  return errors;
}

/**
 * A framework error (schema validation, body parsing, a plugin's client error) as the API's
 * HealthSyncError, or undefined when it is none of those. The error handler (plugins/errors) and
 * FHIR's OperationOutcome (modules/fhir) word every failure from it.
 */
export function toHealthSyncError(
  error: FastifyError & { code?: string },
): HealthSyncError | undefined {
  if (error instanceof HealthSyncError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return HealthSyncError.validation(
      fieldErrors(error.validation as Issue[], error.validationContext),
    );
  }
  if (error.validation) {
    return HealthSyncError.validation(
      fieldErrors(error.validation as Issue[], error.validationContext),
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HealthSyncError('PAYLOAD_TOO_LARGE', 'Request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HealthSyncError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return HealthSyncError.validation({
        body: 'Body cannot be empty when content-type is application/json.',
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return HealthSyncError.validation({ body: 'Malformed JSON.' });
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return HealthSyncError.validation({ body: 'Malformed JSON.' });
  }
  if (error.statusCode === 429) {
    return new HealthSyncError('RATE_LIMITED', 'Too many attempts. Try again in a minute.');
  }
  // Fastify's and its plugins' own client errors (bad headers, content length, a body that does
  // not decompress…): their messages are safe to show, naming the part of the request at fault.
  if (error.statusCode === 400) {
    return HealthSyncError.validation({ [requestPartOf(error.code)]: error.message });
  }
  return undefined;
}

/** The part of the request a framework-level 400 is about, for the `errors` object. */
function requestPartOf(code: string | undefined): string {
  if (code?.startsWith('FST_CP_ERR')) return 'Content-Encoding'; // @fastify/compress
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return 'Content-Length';
  if (code?.startsWith('FST_ERR_CTP')) return 'body';
  return 'request';
}
