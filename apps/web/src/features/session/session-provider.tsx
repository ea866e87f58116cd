'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { HealthSyncError, type CurrentUser } from '@healthsync/contracts';
import { clearSession, loadSession, saveSession } from './session-storage';
import type { StoredSession } from './session-storage';
import { signIn as signInWithServer } from './sign-in';
import type { SignInResult } from './sign-in';

interface SessionValue {
  /** False until the stored session has been read (after hydration). */
  ready: boolean;
  user: CurrentUser | null;
  signIn(username: string, password: string): Promise<SignInResult>;
  /** The same user signs in again online (tokens expired or an offline sign-in); data stays. */
  reauthenticate(password: string): Promise<void>;
  /** Forgets the session (tokens and profile); the caller decides about local data. */
  endSession(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [user, setUser] = useState<CurrentUser | null>(null);

  useEffect(() => {
    let cancelled = false;
    void loadSession().then((session) => {
      if (cancelled) return;
      setUser(session?.user ?? null);
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const adopt = useCallback(async (session: StoredSession) => {
    // Stored before the user is set: the sync client reads the new tokens from storage.
    await saveSession(session);
    // Keep the same object while the user is the same, so per-user resources stay open.
    setUser((current) =>
      current && current.id === session.user.id && sameProfile(current, session.user)
        ? current
        : session.user,
    );
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await signInWithServer(username, password);
      await adopt(result.session);
      return result;
    },
    [adopt],
  );

  const reauthenticate = useCallback(
    async (password: string) => {
      const wrongUser = () =>
        HealthSyncError.local('INVALID_CREDENTIALS', 'Sign in as the user of this session');
      if (!user) throw wrongUser();
      const result = await signInWithServer(user.username, password);
      if (result.offline) throw HealthSyncError.local('NETWORK_ERROR', 'Signed in offline only');
      if (result.session.user.id !== user.id) throw wrongUser();
      await adopt(result.session);
    },
    [adopt, user],
  );

  const endSession = useCallback(() => {
    void clearSession();
    setUser(null);
  }, []);

  const value = useMemo(
    () => ({ ready, user, signIn, reauthenticate, endSession }),
    [ready, user, signIn, reauthenticate, endSession],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function sameProfile(a: CurrentUser, b: CurrentUser): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() needs a <SessionProvider> above it');
  return value;
}

/** The signed-in user; only for components rendered inside <RequireSession>. */
export function useCurrentUser(): CurrentUser {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser() outside a signed-in screen');
  return user;
}
