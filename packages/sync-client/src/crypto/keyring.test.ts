import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './bytes';
import { PBKDF2_ITERATIONS, createKeyring, rewrapKeyring, unlockKeyring } from './keyring';
import { openJson, sealJson } from './seal';

// A low count keeps the test fast; the default is checked separately.
const FAST = 1_000;

describe('keyring', () => {
  it('uses the OWASP 2023 PBKDF2-SHA-256 count by default', () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
  });

  it('unwraps the same keys with the password, and nothing with another', async () => {
    const { keyring, keys } = await createKeyring('correct horse', FAST);
    expect(keyring).toMatchObject({ version: 1, kdf: 'PBKDF2-SHA-256', iterations: FAST });
    expect(fromBase64(keyring.salt)).toHaveLength(16);
    // 32-byte master secret + 16-byte GCM tag.
    expect(fromBase64(keyring.wrapped)).toHaveLength(48);
    const sealed = await sealJson(keys.cipher, 'patients\u0000a', { name: 'Asha' });

    const again = await unlockKeyring(keyring, 'correct horse');
    expect(again).not.toBeNull();
    expect(await openJson(again!.cipher, 'patients\u0000a', sealed)).toEqual({ name: 'Asha' });
    expect(again!.index).toEqual(keys.index);
    expect(await unlockKeyring(keyring, 'wrong horse')).toBeNull();
  });

  it('keeps the data key non-extractable and the keyring free of it', async () => {
    const { keyring, keys } = await createKeyring('pw', FAST);
    expect(keys.cipher.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', keys.cipher)).rejects.toThrow();
    expect(JSON.stringify(keyring)).not.toContain(toBase64(keys.index));
  });

  it('refuses a row moved to another key, or changed', async () => {
    const { keys } = await createKeyring('pw', FAST);
    const sealed = await sealJson(keys.cipher, 'patients\u0000a', { name: 'Asha' });
    await expect(openJson(keys.cipher, 'patients\u0000b', sealed)).rejects.toThrow();
    const bytes = fromBase64(sealed);
    bytes[20]! ^= 1;
    const tampered = toBase64(bytes);
    await expect(openJson(keys.cipher, 'patients\u0000a', tampered)).rejects.toThrow();
  });

  it('re-wraps the same master secret under a new password', async () => {
    const { keyring, keys } = await createKeyring('old', FAST);
    expect(await rewrapKeyring(keyring, 'not it', 'new', FAST)).toBeNull();
    const next = await rewrapKeyring(keyring, 'old', 'new', FAST);
    const unlocked = await unlockKeyring(next!, 'new');
    expect(unlocked!.index).toEqual(keys.index);
    expect(await unlockKeyring(next!, 'old')).toBeNull();
  });
});
