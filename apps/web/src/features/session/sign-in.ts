import { HealthSyncError } from '@healthsync/contracts';
import { fetchCurrentUser, requestTokens } from './auth-api';
import { rememberForOfflineSignIn, verifyOffline } from './offline-verifier';
import type { StoredSession } from './session-storage';

export interface SignInResult {
  session: StoredSession;
  /** Signed in against this device's stored verifier: nothing syncs until an online sign-in. */
  offline: boolean;
}

/**
 * Online first: tokens, then the profile (GET /api/auth/me/), then the offline verifier.
 * With no answer from the server, the password is checked against this device's verifier.
 */
export async function signIn(username: string, password: string): Promise<SignInResult> {
  try {
    const tokens = await requestTokens(username, password);
    const user = await fetchCurrentUser(tokens.access);
    await rememberForOfflineSignIn(username, password, user);
    return { session: { user, tokens }, offline: false };
  } catch (error) {
    if (!(error instanceof HealthSyncError) || !error.unreachable) throw error;
    const user = await verifyOffline(username, password);
    if (!user) throw error;
    return { session: { user, tokens: null }, offline: true };
  }
}
