import { AUTH_MESSAGES, HealthSyncError, type TokenPair } from '@healthsync/contracts';
import type { Db, PrismaClient } from '../../db/prisma';
import { inTransaction } from '../../lib/transaction';
import { newRefreshToken, signTokenPair } from './issue-token-pair';
import { loadAuthUser } from './load-auth-user';
import type { TokenSigner } from '../../core/token-signer';

const invalidToken = () =>
  new HealthSyncError('TOKEN_INVALID', AUTH_MESSAGES.TOKEN_INVALID, { code: 'token_not_valid' });

export type RotationHooks = {
  /** Test seam: runs after the token was read as usable, before its successor is stored. */
  beforeIssue?: () => Promise<void>;
};

/**
 * Uses the refresh token and stores its successor in one statement: of concurrent refreshes with
 * one token exactly one claims it, and a successor exists only if its token was claimed.
 */
export const CLAIM_AND_ISSUE_SQL = `
  WITH claimed AS (
    UPDATE refresh_token SET used_at = now()
     WHERE id = $1::uuid AND user_id = $2::uuid
       AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
    RETURNING family_id, user_id)
  INSERT INTO refresh_token (id, family_id, user_id, expires_at)
  SELECT $3::uuid, family_id, user_id, $4::timestamptz FROM claimed
  RETURNING id`;

/**
 * A genuine refresh token of a deactivated account says so, so the phone can wipe its synced
 * data; any other refusal stays the generic TOKEN_INVALID.
 */
async function refusalOf(prisma: PrismaClient, userId: string): Promise<HealthSyncError> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { active: true } });
  if (user && !user.active) {
    return new HealthSyncError('ACCOUNT_DISABLED', AUTH_MESSAGES.ACCOUNT_DISABLED, {
      code: 'token_not_valid',
    });
  }
  return invalidToken();
}

/**
 * Trades a refresh token for a new pair. Each refresh token works once: presenting one that was
 * already used means it leaked, so its whole family is revoked and every holder must sign in again.
 */
export async function rotateRefreshToken(
  prisma: PrismaClient,
  signer: TokenSigner,
  refreshToken: string,
  hooks: RotationHooks = {},
): Promise<TokenPair> {
  const claims = await signer.verifyRefresh(refreshToken);
  if (!claims) throw invalidToken();
  const found = await loadAuthUser(prisma, { id: claims.sub });
  if (!found) throw await refusalOf(prisma, claims.sub);
  const { passwordHash: _, ...user } = found;
  await hooks.beforeIssue?.();

  const successor = newRefreshToken(signer, claims.fam);
  const issued = await prisma.$queryRawUnsafe<unknown[]>(
    CLAIM_AND_ISSUE_SQL,
    claims.jti,
    claims.sub,
    successor.id,
    successor.expiresAt,
  );
  if (issued.length === 1) return signTokenPair(signer, user, successor);

  const stored = await prisma.refreshToken.findUnique({ where: { id: claims.jti } });
  if (stored?.usedAt) await revokeFamily(prisma, stored.familyId);
  throw invalidToken();
}

/**
 * Revokes every refresh token of a family or of a user, including one a concurrent rotation is
 * storing: the rows are locked first (waiting for that rotation to commit), and the update that
 * follows, a new statement, sees its successor. Call it inside a transaction.
 */
export async function revokeRefreshTokens(
  tx: Db,
  owner: { familyId: string } | { userId: string },
): Promise<void> {
  const [column, value] =
    'familyId' in owner ? ['family_id', owner.familyId] : ['user_id', owner.userId];
  await tx.$queryRawUnsafe(
    `SELECT 1 FROM refresh_token WHERE ${column} = $1::uuid FOR UPDATE`,
    value,
  );
  await tx.refreshToken.updateMany({
    where: { ...owner, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

function revokeFamily(prisma: PrismaClient, familyId: string): Promise<void> {
  return inTransaction(prisma, (tx) => revokeRefreshTokens(tx, { familyId }));
}

/** Sign-out: revokes the refresh token's family so it cannot be used again. */
export async function revokeRefreshFamily(
  prisma: PrismaClient,
  signer: TokenSigner,
  refreshToken: string,
): Promise<void> {
  const claims = await signer.verifyRefresh(refreshToken);
  if (!claims) throw invalidToken();
  await revokeFamily(prisma, claims.fam);
}
