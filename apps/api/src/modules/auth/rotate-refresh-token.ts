import { AUTH_MESSAGES, HealthSyncError, type TokenPair } from '@healthsync/contracts';
import type { Db } from '../../db/prisma';
import { issueTokenPair } from './issue-token-pair';
import { loadAuthUser } from './load-auth-user';
import type { TokenSigner } from './token-signer';

const invalidToken = () =>
  new HealthSyncError('TOKEN_INVALID', AUTH_MESSAGES.TOKEN_INVALID, { code: 'token_not_valid' });

/**
 * Trades a refresh token for a new pair. Each refresh token works once: presenting one that was
 * already used means it leaked, so its whole family is revoked and every holder must sign in again.
 */
export async function rotateRefreshToken(
  db: Db,
  signer: TokenSigner,
  refreshToken: string,
): Promise<TokenPair> {
  const claims = await signer.verifyRefresh(refreshToken);
  if (!claims) throw invalidToken();

  const now = new Date();
  // Conditional update: of two concurrent refreshes with one token, exactly one wins.
  const claimed = await db.refreshToken.updateMany({
    where: {
      id: claims.jti,
      userId: claims.sub,
      usedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
    },
    data: { usedAt: now },
  });
  if (claimed.count === 0) {
    const stored = await db.refreshToken.findUnique({ where: { id: claims.jti } });
    if (stored?.usedAt) {
      await db.refreshToken.updateMany({
        where: { familyId: stored.familyId, revokedAt: null },
        data: { revokedAt: now },
      });
    }
    throw invalidToken();
  }

  const user = await loadAuthUser(db, { id: claims.sub });
  if (!user) throw invalidToken();
  const { passwordHash: _, ...authUser } = user;
  return issueTokenPair(db, signer, authUser, claims.fam);
}

/** Sign-out: revokes the refresh token's family so it cannot be used again. */
export async function revokeRefreshFamily(
  db: Db,
  signer: TokenSigner,
  refreshToken: string,
): Promise<void> {
  const claims = await signer.verifyRefresh(refreshToken);
  if (!claims) throw invalidToken();
  await db.refreshToken.updateMany({
    where: { familyId: claims.fam, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
