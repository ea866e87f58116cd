import { createKeyring, rewrapKeyring, unlockKeyring } from '@healthsync/sync-client';
import type { DataKeys, Keyring } from '@healthsync/sync-client';
import { z } from 'zod';

/**
 * Each user's keyring on this device (the data key, wrapped under their password). It survives
 * revocation and sign-out with unsent work, so that work can still be decrypted and sent after the
 * next online sign-in; without the password it opens nothing. The unwrapped keys live only in
 * this page's memory (session-provider.tsx).
 */
const StoredKeyring = z.object({
  version: z.literal(1),
  kdf: z.literal('PBKDF2-SHA-256'),
  iterations: z.int().positive(),
  salt: z.string(),
  iv: z.string(),
  wrapped: z.string(),
});

const STORAGE_KEY = 'healthsync.keyrings';

function readAll(): Record<string, Keyring> {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    const parsed = z.record(z.string(), StoredKeyring).safeParse(raw ? JSON.parse(raw) : {});
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function save(userId: string, keyring: Keyring): void {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...readAll(), [userId]: keyring }));
}

export function forgetKeyring(userId: string): void {
  const all = readAll();
  delete all[userId];
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
}

/** Encryption needs WebCrypto: a secure context (https or localhost). */
export function canEncrypt(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle !== 'undefined';
}

/** The user's keys with this password; null when the keyring was wrapped under another one. */
export async function unlockDeviceKeys(userId: string, password: string): Promise<DataKeys | null> {
  const keyring = readAll()[userId];
  return keyring ? unlockKeyring(keyring, password) : null;
}

/**
 * After an online sign-in: the user's keys, made on first use. `previousPassword` re-wraps a
 * keyring made under the password the user had before changing it on the server. Null when the
 * keyring does not open (the password changed and the previous one was not given or is wrong).
 */
export async function deviceKeysAfterOnlineSignIn(
  userId: string,
  password: string,
  previousPassword?: string,
): Promise<DataKeys | null> {
  const keyring = readAll()[userId];
  if (!keyring) {
    const made = await createKeyring(password);
    save(userId, made.keyring);
    return made.keys;
  }
  const keys = await unlockKeyring(keyring, password);
  if (keys || !previousPassword) return keys;
  const rewrapped = await rewrapKeyring(keyring, previousPassword, password);
  if (!rewrapped) return null;
  save(userId, rewrapped);
  return unlockKeyring(rewrapped, password);
}
