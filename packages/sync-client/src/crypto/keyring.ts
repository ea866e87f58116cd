import { fromBase64, toBase64, utf8 } from './bytes';

/**
 * The key hierarchy (docs/ARCHITECTURE.md, "Data on the phone"): a random 256-bit master secret
 * per user and device, stored only wrapped (AES-GCM) under a key derived from the password with
 * PBKDF2-SHA-256. Unwrapped, it derives (HKDF-SHA-256) the data key that seals rows and the index
 * key that makes search tokens; neither is ever written anywhere.
 */
export interface Keyring {
  version: 1;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  iv: string;
  /** The master secret, AES-GCM-encrypted under the password key. */
  wrapped: string;
}

/** Keys in memory only, for as long as the app is unlocked. */
export interface DataKeys {
  /** AES-GCM-256, non-extractable: seals every stored row. */
  readonly cipher: CryptoKey;
  /** HMAC-SHA-256 key bytes for search tokens (hashed synchronously, inside transactions). */
  readonly index: Uint8Array;
}

/** OWASP Password Storage Cheat Sheet (2023) for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;

const WRAP_CONTEXT = utf8.encode('healthsync keyring v1');

async function passwordKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await crypto.subtle.importKey('raw', utf8.encode(password), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function deriveKeys(master: Uint8Array<ArrayBuffer>): Promise<DataKeys> {
  const base = await crypto.subtle.importKey('raw', master, 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ]);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(32),
    info: utf8.encode(info),
  });
  const [cipher, index] = await Promise.all([
    crypto.subtle.deriveKey(
      hkdf('healthsync data v1'),
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    ),
    crypto.subtle.deriveBits(hkdf('healthsync index v1'), base, 256),
  ]);
  return { cipher, index: new Uint8Array(index) };
}

/** A new master secret wrapped under `password`, and its keys (first sign-in on this device). */
export async function createKeyring(
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ keyring: Keyring; keys: DataKeys }> {
  const master = crypto.getRandomValues(new Uint8Array(32));
  try {
    const keyring = await wrapMaster(master, password, iterations);
    return { keyring, keys: await deriveKeys(master) };
  } finally {
    master.fill(0);
  }
}

async function wrapMaster(
  master: Uint8Array<ArrayBuffer>,
  password: string,
  iterations: number,
): Promise<Keyring> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const kek = await passwordKey(password, salt, iterations);
  const wrapped = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: WRAP_CONTEXT },
    kek,
    master,
  );
  return {
    version: 1,
    kdf: 'PBKDF2-SHA-256',
    iterations,
    salt: toBase64(salt),
    iv: toBase64(iv),
    wrapped: toBase64(new Uint8Array(wrapped)),
  };
}

async function unwrapMaster(
  keyring: Keyring,
  password: string,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const kek = await passwordKey(password, fromBase64(keyring.salt), keyring.iterations);
  try {
    const master = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(keyring.iv), additionalData: WRAP_CONTEXT },
      kek,
      fromBase64(keyring.wrapped),
    );
    return new Uint8Array(master);
  } catch {
    // AES-GCM's tag does not match: another password (or a tampered keyring).
    return null;
  }
}

/** The keys, or null when `password` is not the one the keyring was wrapped with. */
export async function unlockKeyring(keyring: Keyring, password: string): Promise<DataKeys | null> {
  const master = await unwrapMaster(keyring, password);
  if (!master) return null;
  try {
    return await deriveKeys(master);
  } finally {
    master.fill(0);
  }
}

/**
 * The same master secret under a new password (the password changed on the server): the data
 * stays readable. Null when `oldPassword` does not open the keyring.
 */
export async function rewrapKeyring(
  keyring: Keyring,
  oldPassword: string,
  newPassword: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<Keyring | null> {
  const master = await unwrapMaster(keyring, oldPassword);
  if (!master) return null;
  try {
    return await wrapMaster(master, newPassword, iterations);
  } finally {
    master.fill(0);
  }
}
