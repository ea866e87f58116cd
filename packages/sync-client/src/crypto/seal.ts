import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes';

/**
 * One value as AES-GCM ciphertext: base64 of a fresh 96-bit IV and the ciphertext with its tag.
 * `where` (table and key) is authenticated too, so a row cannot be moved to another key unseen.
 */
export async function sealJson(key: CryptoKey, where: string, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8.encode(where) },
    key,
    utf8.encode(JSON.stringify(value)),
  );
  const out = new Uint8Array(12 + cipher.byteLength);
  out.set(iv);
  out.set(new Uint8Array(cipher), 12);
  return toBase64(out);
}

export async function openJson<T>(key: CryptoKey, where: string, sealed: string): Promise<T> {
  const bytes = fromBase64(sealed);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: utf8.encode(where) },
    key,
    bytes.subarray(12),
  );
  return JSON.parse(fromUtf8.decode(plain)) as T;
}
