'use client';

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { HealthSyncError, type CurrentUser } from '@healthsync/contracts';
import type { DataKeys } from '@healthsync/sync-client';
import { loadRevokedNotice, saveRevokedNotice } from './revoked-notice';
import type { RevokedNotice } from './revoked-notice';
import { clearSession, loadSession, saveSession } from './session-storage';
import type { SignInResult, signIn as SignInWithServer } from './sign-in';
import { UnlockGuard } from './unlock-guard';

/** ok, or why not: wrong secret, the PIN no longer counts, offline use expired or ended. */
export type UnlockOutcome = 'ok' | 'wrong' | 'password' | 'expired' | 'online';

interface SessionValue {
  /** False until the stored session has been read (after hydration). */
  ready: boolean;
  user: CurrentUser | null;
  /** The data key in memory: null after a reload until the password is given again. */
  keys: DataKeys | null;
  /** The idle lock is on: clinical screens hidden, the keys (and the sync) still alive. */
  locked: boolean;
  /** This page signed in online (a PIN may be set). */
  signedInOnline: boolean;
  hasPin: boolean;
  pinAllowed: boolean;
  /** The server deactivated this account: how many changes wait on the device. */
  revoked: RevokedNotice | null;
  signIn(username: string, password: string, previousPassword?: string): Promise<SignInResult>;
  /** The same user signs in again online (tokens expired or an offline sign-in); data stays. */
  reauthenticate(password: string): Promise<void>;
  unlock(secret: { password: string } | { pin: string }): Promise<UnlockOutcome>;
  lock(): void;
  setPin(pin: string): Promise<void>;
  /** The refresh was refused as ACCOUNT_DISABLED; synced data is already deleted. */
  accountDisabled(pending: number): void;
  /** Forgets the session (tokens, profile, keys); the caller decides about local data. */
  endSession(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

// Signing in and unlocking derive keys with the sync client's crypto, and the offline sign-in
// entry is checked with zod: loaded when asked for, so the unlock screen's first load carries none.
const signInWithServer = async (...args: Parameters<typeof SignInWithServer>) =>
  (await import('./sign-in')).signIn(...args);
const unlockDeviceKeys = async (userId: string, password: string) =>
  (await import('./device-keys')).unlockDeviceKeys(userId, password);
const offlineVerifier = () => import('./offline-verifier');

export function SessionProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [keys, setKeys] = useState<DataKeys | null>(null);
  const [locked, setLocked] = useState(false);
  const [signedInOnline, setSignedInOnline] = useState(false);
  const [revoked, setRevoked] = useState<RevokedNotice | null>(null);
  const guard = useRef(new UnlockGuard());
  // Re-renders after the guard changes (it is not React state).
  const [, setGuardVersion] = useState(0);
  const guardChanged = () => setGuardVersion((v) => v + 1);

  useEffect(() => {
    let cancelled = false;
    setRevoked(loadRevokedNotice());
    void loadSession().then((session) => {
      if (cancelled) return;
      setUser(session?.user ?? null);
      setReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const adopt = useCallback(async (result: SignInResult) => {
    const { session } = result;
    // Stored before the user is set: the sync client reads the new tokens from storage.
    await saveSession(session);
    setKeys((current) => current ?? result.keys);
    setLocked(false);
    if (!result.offline) {
      setSignedInOnline(true);
      setRevoked((notice) => {
        if (notice?.userId !== session.user.id) return notice;
        saveRevokedNotice(null);
        return null;
      });
    }
    // Keep the same object while the user is the same, so per-user resources stay open.
    setUser((current) =>
      current && current.id === session.user.id && sameProfile(current, session.user)
        ? current
        : session.user,
    );
  }, []);

  const forget = useCallback(() => {
    guard.current.forget();
    guardChanged();
    setKeys(null);
    setLocked(false);
    setSignedInOnline(false);
    void clearSession();
    setUser(null);
  }, []);

  const signIn = useCallback(
    async (username: string, password: string, previousPassword?: string) => {
      const result = await signInWithServer(username, password, previousPassword);
      if (user && user.id !== result.session.user.id) forget();
      await adopt(result);
      return result;
    },
    [adopt, forget, user],
  );

  const reauthenticate = useCallback(
    async (password: string) => {
      const wrongUser = () =>
        HealthSyncError.local('INVALID_CREDENTIALS', 'Sign in as the user of this session');
      if (!user) throw wrongUser();
      const result = await signInWithServer(user.username, password);
      if (result.offline) throw HealthSyncError.local('NETWORK_ERROR', 'Signed in offline only');
      if (result.session.user.id !== user.id) throw wrongUser();
      await adopt(result);
    },
    [adopt, user],
  );

  const unlock = useCallback(
    async (secret: { password: string } | { pin: string }): Promise<UnlockOutcome> => {
      if (!user) return 'online';
      const { forgetOfflineSignIn, offlineStandingOf } = await offlineVerifier();
      const standing = offlineStandingOf(user.id);
      if (!standing) {
        forget();
        return 'online';
      }
      if (standing.expired) return 'expired';
      let opened: DataKeys | null = null;
      if ('pin' in secret) {
        if (keys && (await guard.current.checkPin(secret.pin))) opened = keys;
      } else {
        opened = await unlockDeviceKeys(user.id, secret.password);
      }
      if (opened) {
        guard.current.succeeded();
        guardChanged();
        setKeys((current) => current ?? opened);
        setLocked(false);
        return 'ok';
      }
      const next = guard.current.failed();
      guardChanged();
      if (next === 'online') {
        forgetOfflineSignIn(user.id);
        forget();
        return 'online';
      }
      return next === 'password' ? 'password' : 'wrong';
    },
    [forget, keys, user],
  );

  const lock = useCallback(() => setLocked(true), []);

  const setPin = useCallback(async (pin: string) => {
    await guard.current.setPin(pin);
    guardChanged();
  }, []);

  const accountDisabled = useCallback(
    (pending: number) => {
      if (!user) return;
      const notice = { userId: user.id, pending };
      saveRevokedNotice(notice);
      setRevoked(notice);
      forget();
    },
    [forget, user],
  );

  // The guard is not React state: guardChanged() re-renders, and these are read afresh.
  const hasPin = guard.current.hasPin;
  const pinAllowed = guard.current.pinAllowed;
  const parts: SessionValue = {
    ready,
    user,
    keys,
    locked,
    signedInOnline,
    hasPin,
    pinAllowed,
    revoked,
    signIn,
    reauthenticate,
    unlock,
    lock,
    setPin,
    accountDisabled,
    endSession: forget,
  };
  // A new value only when one of its parts changed (each is state or a stable callback).
  const value = useMemo(() => parts, Object.values(parts));
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
