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
import type { TokenSigner } from './token-signer';

export async function signIn(
  db: Db,
  signer: TokenSigner,
  credentials: TokenRequest,
): Promise<TokenPair> {
  const user = await loadAuthUser(db, { username: credentials.username });
  const ok = await verifyPassword(user?.passwordHash ?? null, credentials.password);
  if (!user || !ok) {
    throw new HealthSyncError('INVALID_CREDENTIALS', AUTH_MESSAGES.INVALID_CREDENTIALS);
  }
  const { passwordHash: _, ...authUser } = user;
  return issueTokenPair(db, signer, authUser);
}
