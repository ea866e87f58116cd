import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64, utf8 } from './bytes';

/**
 * Search tokens: an index entry is HMAC-SHA-256(index key, kind + prefix), truncated to 128 bits,
 * never the text. Only short prefixes are tokenized (a name word's first 1–4 letters, a phone
 * number's runs of 3 digits); a query looks its own prefix up and the candidates, once decrypted,
 * are filtered by the full text. So the stored index tells equal prefixes apart from different
 * ones, and nothing more without the key. Synchronous (noble-hashes): it runs inside store
 * transactions, where WebCrypto's promises would let IndexedDB commit early.
 */
export interface TokenRule {
  /** Shortest and longest prefix of each value that is tokenized. */
  readonly min: number;
  readonly max: number;
}

export type Tokenizer = (kind: string, text: string) => string;

export function tokenizer(indexKey: Uint8Array): Tokenizer {
  const keyed = hmac.create(sha256, indexKey);
  return (kind, text) => {
    const mac = keyed
      .clone()
      .update(utf8.encode(`${kind}\u0000${text}`))
      .digest();
    return toBase64(mac.subarray(0, 16));
  };
}

/** The tokens stored for the values of one index entry (each prefix from `min` to `max`). */
export function tokensOf(
  token: Tokenizer,
  kind: string,
  rule: TokenRule,
  values: readonly string[],
): string[] {
  const tokens = new Set<string>();
  for (const value of values) {
    const longest = Math.min(rule.max, value.length);
    for (let length = rule.min; length <= longest; length++) {
      tokens.add(token(kind, value.slice(0, length)));
    }
  }
  return [...tokens];
}

/** The one token a query for values starting with `prefix` looks up; null: too short to look up. */
export function queryToken(
  token: Tokenizer,
  kind: string,
  rule: TokenRule,
  prefix: string,
): string | null {
  if (prefix.length < rule.min) return null;
  return token(kind, prefix.slice(0, rule.max));
}
