import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes';

/**
 * One value as AES-GCM ciphertext: a fresh 96-bit IV followed by the ciphertext with its tag.
 * `where` (table and key) is authenticated too, so a row cannot be moved to another key unseen.
 */
export async function sealBytes(
  key: CryptoKey,
  where: string,
  value: unknown,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8.encode(where) },
    key,
    utf8.encode(JSON.stringify(value)),
  );
  const out = new Uint8Array(12 + cipher.byteLength);
  out.set(iv);
  out.set(new Uint8Array(cipher), 12);
  return out;
}

/** sealBytes as base64 text (where the value is stored as text). */
export async function sealJson(key: CryptoKey, where: string, value: unknown): Promise<string> {
  return toBase64(await sealBytes(key, where, value));
}

/** Opens what sealBytes made, given as bytes or (sealJson, rows stored before bytes) base64. */
export async function openJson<T>(
  key: CryptoKey,
  where: string,
  sealed: string | Uint8Array<ArrayBuffer>,
): Promise<T> {
  const bytes = typeof sealed === 'string' ? fromBase64(sealed) : sealed;
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: utf8.encode(where) },
    key,
    bytes.subarray(12),
  );
  return JSON.parse(fromUtf8.decode(plain)) as T;
}
