import { CurrentUser, HealthSyncError, TokenPair } from '@healthsync/contracts';
import type { z } from 'zod';

/*
 * Signing in comes before any sync client (and its token-refreshing requests) exists: these calls
 * use fetch directly, and fail with the shared HealthSyncError like everything else.
 */

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...init.headers },
    });
  } catch (error) {
    throw HealthSyncError.local('NETWORK_ERROR', `${path}: ${String(error)}`, error);
  }
}

async function parseAnswer<T>(response: Response, schema: z.ZodType<T>, path: string): Promise<T> {
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw HealthSyncError.fromResponse(response.status, json, path);
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw HealthSyncError.local('PROTOCOL_ERROR', `Unexpected answer of ${path}`);
  return parsed.data;
}

/** POST /api/auth/token/: a username and password for a JWT pair. */
export async function requestTokens(username: string, password: string): Promise<TokenPair> {
  const response = await send('/api/auth/token/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return parseAnswer(response, TokenPair, '/api/auth/token/');
}

/** GET /api/auth/me/: who the access token belongs to (role, facility, pharmacy, doctor). */
export async function fetchCurrentUser(access: string): Promise<CurrentUser> {
  const response = await send('/api/auth/me/', {
    headers: { Authorization: `Bearer ${access}` },
  });
  return parseAnswer(response, CurrentUser, '/api/auth/me/');
}

/** POST /api/auth/logout/: revokes the refresh token's family. Best effort (may be offline). */
export async function revokeRefreshToken(refresh: string): Promise<void> {
  await send('/api/auth/logout/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh }),
  }).catch(() => undefined);
}
