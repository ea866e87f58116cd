import {
  AUTH_ENDPOINTS,
  endpointUrl,
  ErrorBody,
  HealthSyncError,
  TokenPair,
} from '@healthsync/contracts';
import type { TokenRefresher } from '@healthsync/sync-client';
import { extendOfflineSignIn } from '../session/offline-verifier';

/**
 * POST /api/auth/token/refresh/, as the sync client's refresher. A success is an online contact:
 * it restarts the offline sign-in lifetime. 401 ACCOUNT_DISABLED calls `onAccountDisabled`; any
 * 400/401 means "sign in again". No answer, or a proxy's 502/503/504, is offline: retried later,
 * extending nothing.
 */
export function refreshTokensFor(userId: string, onAccountDisabled: () => void): TokenRefresher {
  return async (refresh) => {
    let response: Response;
    try {
      response = await fetch(endpointUrl(AUTH_ENDPOINTS.refresh), {
        method: AUTH_ENDPOINTS.refresh.method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refresh }),
      });
    } catch (error) {
      throw HealthSyncError.local('NETWORK_ERROR', `token refresh failed: ${String(error)}`, error);
    }
    const json: unknown = await response.json().catch(() => null);
    if (response.status === 400 || response.status === 401) {
      const body = ErrorBody.safeParse(json);
      if (body.success && body.data.error_code === 'ACCOUNT_DISABLED') onAccountDisabled();
      return null;
    }
    if (!response.ok) throw HealthSyncError.fromResponse(response.status, json, 'token refresh');
    const pair = TokenPair.parse(json);
    extendOfflineSignIn(userId, pair);
    return pair;
  };
}
