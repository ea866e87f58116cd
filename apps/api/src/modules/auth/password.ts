import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id with OWASP's parameters (m=19 MiB, t=2, p=1).
export const hashPassword = (password: string): Promise<string> => hash(password);

// Verifying against this when the user does not exist keeps sign-in time independent of whether
// the username is known.
const UNKNOWN_USER_HASH = hash('unknown-user-placeholder');

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  const stored = passwordHash ?? (await UNKNOWN_USER_HASH);
  const ok = await verify(stored, password).catch(() => false);
  return ok && passwordHash !== null;
}
