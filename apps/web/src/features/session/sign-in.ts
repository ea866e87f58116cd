import type { DataKeys } from '@healthsync/sync-client';
import { HealthSyncError } from '@healthsync/contracts';
import { fetchCurrentUser, requestTokens } from './auth-api';
import { deviceKeysAfterOnlineSignIn, unlockDeviceKeys } from './device-keys';
import { offlineStanding, rememberForOfflineSignIn } from './offline-verifier';
import type { StoredSession } from './session-storage';

export interface SignInResult {
  session: StoredSession;
  /** The data key, unwrapped with the password: kept in memory only. */
  keys: DataKeys;
  /** Signed in against this device's keyring: nothing syncs until an online sign-in. */
  offline: boolean;
}

/**
 * Online first: tokens, the profile (GET /api/auth/me/), the device keys, the offline lifetime.
 * With no answer from the server (a 502/503/504 from the proxy counts as none) the password opens
 * this device's keyring, within the offline lifetime only; nothing is extended by that.
 */
export async function signIn(
  username: string,
  password: string,
  previousPassword?: string,
): Promise<SignInResult> {
  try {
    const tokens = await requestTokens(username, password);
    const user = await fetchCurrentUser(tokens.access);
    const keys = await deviceKeysAfterOnlineSignIn(user.id, password, previousPassword);
    if (!keys)
      throw HealthSyncError.local(
        'DEVICE_PASSWORD_NEEDED',
        'This device holds data under an earlier password',
      );
    rememberForOfflineSignIn(user, tokens);
    return { session: { user, tokens }, keys, offline: false };
  } catch (error) {
    if (!(error instanceof HealthSyncError) || !error.unreachable) throw error;
    const standing = offlineStanding(username);
    if (!standing) throw error;
    if (standing.expired)
      throw HealthSyncError.local('OFFLINE_SIGN_IN_EXPIRED', 'Offline sign-in has expired');
    const keys = await unlockDeviceKeys(standing.user.id, password);
    // As before: a wrong password offline tells nothing more than "no connection".
    if (!keys) throw error;
    return { session: { user: standing.user, tokens: null }, keys, offline: true };
  }
}
