import { CurrentUser } from '@healthsync/contracts';
import { z } from 'zod';

/**
 * Offline sign-in: after an online sign-in the device keeps a salted PBKDF2 hash of the password
 * (never the password) with the user's profile, so the same person can sign in again with no
 * connection. Such a session has no tokens; the server sees nothing until an online sign-in.
 * Needs WebCrypto (a secure context: https or localhost); elsewhere offline sign-in is unavailable.
 */
const Verifier = z.object({
  salt: z.string(),
  hash: z.string(),
  iterations: z.int().positive(),
  user: CurrentUser,
});
type Verifier = z.infer<typeof Verifier>;

const STORAGE_KEY = 'healthsync.offline-sign-in';
const ITERATIONS = 210_000;

function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

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
  } catch {
    // Without storage there is no offline sign-in; online sign-in still works.
  }
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return toBase64(bits);
}

function canVerify(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle !== 'undefined';
}

const keyOf = (username: string) => username.trim().toLocaleLowerCase();

export async function rememberForOfflineSignIn(
  username: string,
  password: string,
  user: CurrentUser,
): Promise<void> {
  if (!canVerify()) return;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, ITERATIONS);
  writeAll({
    ...readAll(),
    [keyOf(username)]: { salt: toBase64(salt), hash, iterations: ITERATIONS, user },
  });
}

/** The user's stored profile if this password matches the one last used online here. */
export async function verifyOffline(
  username: string,
  password: string,
): Promise<CurrentUser | null> {
  if (!canVerify()) return null;
  const verifier = readAll()[keyOf(username)];
  if (!verifier) return null;
  const hash = await derive(password, fromBase64(verifier.salt), verifier.iterations);
  return hash === verifier.hash ? verifier.user : null;
}

export function forgetOfflineSignIn(username: string): void {
  const all = readAll();
  delete all[keyOf(username)];
  writeAll(all);
}
