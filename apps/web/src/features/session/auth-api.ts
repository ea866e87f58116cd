import { CurrentUser, TokenPair } from '@healthsync/contracts';

/**
 * Why someone was not signed in. `network`: no answer at all (offline, server down);
 * `offline_expired`: offline, and the last online contact is older than the offline lifetime;
 * `device_password`: this device's data is locked under the password used before a change.
 */
export type AuthFailure =
  'credentials' | 'rate_limited' | 'network' | 'server' | 'offline_expired' | 'device_password';

export class AuthError extends Error {
  readonly reason: AuthFailure;
  constructor(reason: AuthFailure, message?: string) {
    super(message ?? reason);
    this.name = 'AuthError';
    this.reason = reason;
  }
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...init.headers },
    });
  } catch (error) {
    throw new AuthError('network', String(error));
  }
}

function failureOf(status: number): AuthError {
  if (status === 400 || status === 401) return new AuthError('credentials');
  if (status === 429) return new AuthError('rate_limited');
  // The static server answers 502 when it cannot reach the API: as good as offline.
  if (status === 502 || status === 503 || status === 504) return new AuthError('network');
  return new AuthError('server', `HTTP ${status}`);
}

/** POST /api/auth/token/: a username and password for a JWT pair. */
export async function requestTokens(username: string, password: string): Promise<TokenPair> {
  const response = await send('/api/auth/token/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw failureOf(response.status);
  const parsed = TokenPair.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new AuthError('server', 'Unexpected token response');
  return parsed.data;
}

/** GET /api/auth/me/: who the access token belongs to (role, facility, pharmacy, doctor). */
export async function fetchCurrentUser(access: string): Promise<CurrentUser> {
  const response = await send('/api/auth/me/', {
    headers: { Authorization: `Bearer ${access}` },
  });
  if (!response.ok) throw failureOf(response.status);
  const parsed = CurrentUser.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new AuthError('server', 'Unexpected profile response');
  return parsed.data;
}

/** POST /api/auth/logout/: revokes the refresh token's family. Best effort (may be offline). */
export async function revokeRefreshToken(refresh: string): Promise<void> {
  await send('/api/auth/logout/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh }),
  }).catch(() => undefined);
}
