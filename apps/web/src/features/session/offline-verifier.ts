import { CurrentUser } from '@healthsync/contracts';
import type { TokenPair } from '@healthsync/contracts';
import { z } from 'zod';

/**
 * Offline sign-in: after an online sign-in the device keeps the user's profile and until when an
 * offline sign-in is allowed (the server's `offline_sign_in_days` from the last successful sign-in
 * or refresh). The password itself is checked by opening the user's keyring (device-keys.ts).
 * Revocation deletes this entry: then only an online sign-in opens the device's data.
 */
const Verifier = z.object({
  user: CurrentUser,
  /** Epoch ms after which an offline sign-in is refused. */
  offlineUntil: z.number(),
  idleLockMinutes: z.int().positive(),
});
type Verifier = z.infer<typeof Verifier>;

/** Before issue 16 the entry held a password hash and never expired: such entries are ignored. */
const STORAGE_KEY = 'healthsync.offline-sign-in.v2';
const LEGACY_STORAGE_KEY = 'healthsync.offline-sign-in';
const DAY_MS = 24 * 3600 * 1000;
export const DEFAULT_POLICY = { offlineSignInDays: 7, idleLockMinutes: 10 };

function readAll(): Record<string, Verifier> {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed = z.record(z.string(), Verifier).safeParse(raw ? JSON.parse(raw) : {});
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function writeAll(all: Record<string, Verifier>): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
    window.localStorage.removeItem(LEGACY_STORAGE_KEY);
  } catch {
    // Without storage there is no offline sign-in; online sign-in still works.
  }
}

const keyOf = (username: string) => username.trim().toLocaleLowerCase();

function policyOf(tokens: TokenPair) {
  return {
    offlineUntil:
      Date.now() + (tokens.offline_sign_in_days ?? DEFAULT_POLICY.offlineSignInDays) * DAY_MS,
    idleLockMinutes: tokens.idle_lock_minutes ?? DEFAULT_POLICY.idleLockMinutes,
  };
}

export function rememberForOfflineSignIn(user: CurrentUser, tokens: TokenPair): void {
  writeAll({ ...readAll(), [keyOf(user.username)]: { user, ...policyOf(tokens) } });
}

/** A successful refresh is an online contact: the lifetime starts again from now. */
export function extendOfflineSignIn(userId: string, tokens: TokenPair): void {
  const all = readAll();
  const entry = Object.entries(all).find(([, v]) => v.user.id === userId);
  if (!entry) return;
  writeAll({ ...all, [entry[0]]: { ...entry[1], ...policyOf(tokens) } });
}

export type OfflineStanding = { user: CurrentUser; expired: boolean } | null;

/** Whether `username` may sign in offline here (null: never signed in online here, or revoked). */
export function offlineStanding(username: string): OfflineStanding {
  const verifier = readAll()[keyOf(username)];
  if (!verifier) return null;
  return { user: verifier.user, expired: Date.now() >= verifier.offlineUntil };
}

export function offlineStandingOf(userId: string): OfflineStanding {
  const verifier = Object.values(readAll()).find((v) => v.user.id === userId);
  return verifier ? offlineStanding(verifier.user.username) : null;
}

export function idleLockMinutesOf(userId: string): number {
  const verifier = Object.values(readAll()).find((v) => v.user.id === userId);
  return verifier?.idleLockMinutes ?? DEFAULT_POLICY.idleLockMinutes;
}

export function forgetOfflineSignIn(userId: string): void {
  writeAll(Object.fromEntries(Object.entries(readAll()).filter(([, v]) => v.user.id !== userId)));
}
