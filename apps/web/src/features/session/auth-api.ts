import {
  answerSchemaOf,
  AUTH_ENDPOINTS,
  endpointUrl,
  HealthSyncError,
  type CurrentUser,
  type Endpoint,
  type EndpointAnswer,
  type TokenPair,
} from '@healthsync/contracts';

/*
 * Signing in comes before any sync client (and its token-refreshing requests) exists: these calls
 * use fetch directly, and fail with the shared HealthSyncError like everything else.
 */

async function send(endpoint: Endpoint, init: RequestInit): Promise<Response> {
  const path = endpointUrl(endpoint);
  try {
    return await fetch(path, {
      ...init,
      method: endpoint.method,
      headers: { Accept: 'application/json', ...init.headers },
    });
  } catch (error) {
    throw HealthSyncError.local('NETWORK_ERROR', `${path}: ${String(error)}`, error);
  }
}

async function parseAnswer<E extends Endpoint>(
  response: Response,
  endpoint: E,
): Promise<EndpointAnswer<E>> {
  const path = endpoint.path;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw HealthSyncError.fromResponse(response.status, json, path);
  const parsed = answerSchemaOf(endpoint).safeParse(json);
  if (!parsed.success)
    throw HealthSyncError.local('PROTOCOL_ERROR', `Unexpected answer of ${path}`);
  return parsed.data;
}

/** POST /api/auth/token/: a username and password for a JWT pair. */
export async function requestTokens(username: string, password: string): Promise<TokenPair> {
  const response = await send(AUTH_ENDPOINTS.signIn, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return parseAnswer(response, AUTH_ENDPOINTS.signIn);
}

/** GET /api/auth/me/: who the access token belongs to (role, facility, pharmacy, doctor). */
export async function fetchCurrentUser(access: string): Promise<CurrentUser> {
  const response = await send(AUTH_ENDPOINTS.me, {
    headers: { Authorization: `Bearer ${access}` },
  });
  return parseAnswer(response, AUTH_ENDPOINTS.me);
}

/** POST /api/auth/logout/: revokes the refresh token's family. Best effort (may be offline). */
export async function revokeRefreshToken(refresh: string): Promise<void> {
  await send(AUTH_ENDPOINTS.logout, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh }),
  }).catch(() => undefined);
}
