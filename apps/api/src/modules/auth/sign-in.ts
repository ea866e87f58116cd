import {
  AUTH_MESSAGES,
  HealthSyncError,
  type TokenPair,
  type TokenRequest,
} from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { issueTokenPair } from './issue-token-pair';
import { loadAuthUser } from './load-auth-user';
import { verifyPassword } from './password';
import { beginSignInAttempt, type SignInLimits } from './sign-in-throttle';
import type { TokenSigner } from '../../core/token-signer';

/** Trades a username and password for tokens; `address` is the client's, for the limiter. */
export async function signIn(
  db: Db,
  signer: TokenSigner,
  credentials: TokenRequest,
  throttle: { limits: SignInLimits; address: string },
): Promise<TokenPair> {
  // Before the password is checked: a refused attempt costs no argon2 time and reveals nothing.
  const attempt = await beginSignInAttempt(db, throttle.limits, {
    username: credentials.username,
    address: throttle.address,
  });
  const user = await loadAuthUser(db, { username: credentials.username });
  const ok = await verifyPassword(user?.passwordHash ?? null, credentials.password);
  if (!user || !ok) {
    throw new HealthSyncError('INVALID_CREDENTIALS', AUTH_MESSAGES.INVALID_CREDENTIALS);
  }
  await attempt.succeeded();
  const { passwordHash: _, ...authUser } = user;
  return issueTokenPair(db, signer, authUser);
}
