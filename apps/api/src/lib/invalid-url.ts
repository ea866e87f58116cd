import { HealthSyncError } from './errors';

/**
 * Where `rewriteUrl` sends a path the router could not decode; the not-found handlers answer it.
 * A path under /fhir keeps that prefix, so the FHIR API answers it as an OperationOutcome.
 */
export const INVALID_URL = '/__invalid-url__';
export const INVALID_FHIR_URL = `/fhir${INVALID_URL}`;
const INVALID_URL_MESSAGE = 'The URL is not validly percent-encoded.';

export function rewriteInvalidUrl(url: string): string {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (!path.includes('%')) return url;
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    return path === '/fhir' || path.startsWith('/fhir/') ? INVALID_FHIR_URL : INVALID_URL;
  }
}

/** The 400 for a rewritten URL, naming it. */
export const invalidUrlError = () =>
  HealthSyncError.validation({ url: INVALID_URL_MESSAGE }, INVALID_URL_MESSAGE);
