import { CurrentUser, TokenPair } from '@healthsync/contracts';
import { z } from 'zod';

/**
 * The signed-in user, kept on the device so the app opens signed in with no connection.
 * `tokens` is null after an offline sign-in or an expired session: local work goes on, and the
 * sync client asks for a sign-in (`needsSignIn`) before it talks to the server again.
 */
export const StoredSession = z.object({
  user: CurrentUser,
  tokens: TokenPair.nullable(),
});
export type StoredSession = z.infer<typeof StoredSession>;

const STORAGE_KEY = 'healthsync.session';

export function loadSession(): StoredSession | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = StoredSession.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage unavailable (private mode, quota): the session lives for this page only.
  }
}

export function clearSession(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored.
  }
}

/** Replaces the stored tokens of the stored session (the sync client's token store). */
export function saveTokens(tokens: TokenPair | null): void {
  const session = loadSession();
  if (session) saveSession({ ...session, tokens });
}

export function loadTokens(): TokenPair | null {
  return loadSession()?.tokens ?? null;
}
