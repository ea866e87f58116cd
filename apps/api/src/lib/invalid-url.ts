import { HealthSyncError } from './errors';

/** The longest path segment the router takes; longer ones are answered by the URL's 400. */
export const MAX_PATH_SEGMENT = 10_000;

const PROBLEMS = {
  encoding: 'The URL is not validly percent-encoded.',
  length: `A part of the URL's path is longer than ${MAX_PATH_SEGMENT} characters.`,
} as const;
type UrlProblem = keyof typeof PROBLEMS;

/**
 * Where `rewriteUrl` sends a path the router could not take (not decodable, or a segment beyond
 * the router's parameter length); the not-found handlers answer it. A path under /fhir keeps that
 * prefix, so the FHIR API answers it as an OperationOutcome.
 */
export const INVALID_URL = '/__invalid-url__';
export const INVALID_FHIR_URL = `/fhir${INVALID_URL}`;

function problemOf(path: string): UrlProblem | null {
  if (path.split('/').some((segment) => segment.length > MAX_PATH_SEGMENT)) return 'length';
  if (!path.includes('%')) return null;
  try {
    decodeURIComponent(path);
    return null;
  } catch {
    return 'encoding';
  }
}

export function rewriteInvalidUrl(url: string): string {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const problem = problemOf(path);
  if (!problem) return url;
  const base = path === '/fhir' || path.startsWith('/fhir/') ? INVALID_FHIR_URL : INVALID_URL;
  return `${base}?problem=${problem}`;
}

/** The 400 for a URL rewritten to `base`, naming the URL and its problem; null for other URLs. */
export function invalidUrlErrorOf(url: string, base: string): HealthSyncError | null {
  if (!url.startsWith(`${base}?problem=`)) return null;
  const problem = url.slice(base.length + '?problem='.length);
  // Anyone can ask for this URL: a problem that is not ours (`constructor`…) reads as encoding.
  const message = Object.hasOwn(PROBLEMS, problem)
    ? PROBLEMS[problem as UrlProblem]
    : PROBLEMS.encoding;
  return HealthSyncError.validation({ url: message }, message);
}
