import { describe, expect, it } from 'vitest';
import { queryToken, tokenizer, tokensOf } from './tokens';

const WORDS = { min: 1, max: 4 };
const key = (byte: number) => new Uint8Array(32).fill(byte);

describe('search tokens', () => {
  it('indexes each prefix of 1–4 letters, as keyed tokens with no text in them', () => {
    const token = tokenizer(key(7));
    const tokens = tokensOf(token, 'words', WORDS, ['asha', 'rao']);
    // a, as, ash, asha + r, ra, rao
    expect(tokens).toHaveLength(7);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(t.toLowerCase()).not.toContain('ash');
    }
    expect(tokens).toContain(queryToken(token, 'words', WORDS, 'as'));
    // Longer queries look up their first 4 letters; the caller filters by the full text.
    expect(tokens).toContain(queryToken(token, 'words', WORDS, 'ashanti'));
    expect(tokens).not.toContain(queryToken(token, 'words', WORDS, 'b'));
  });

  it('depends on the key and on the kind of index', () => {
    const a = tokenizer(key(1));
    const b = tokenizer(key(2));
    expect(a('words', 'asha')).toBe(a('words', 'asha'));
    expect(a('words', 'asha')).not.toBe(b('words', 'asha'));
    expect(a('words', '123')).not.toBe(a('phone', '123'));
  });

  it('indexes runs of three phone digits and refuses shorter lookups', () => {
    const token = tokenizer(key(3));
    const rule = { min: 3, max: 3 };
    const tails = ['98220', '8220', '220'];
    expect(tokensOf(token, 'phone', rule, tails)).toHaveLength(3);
    expect(queryToken(token, 'phone', rule, '82')).toBeNull();
    expect(tokensOf(token, 'phone', rule, tails)).toContain(
      queryToken(token, 'phone', rule, '8220'),
    );
  });
});
