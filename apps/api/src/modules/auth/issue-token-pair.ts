import type { TokenPair } from '@healthsync/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/prisma';
import type { SessionUser } from '../../core/auth-user';
import type { TokenSigner } from '../../core/token-signer';

/** The stored half of a refresh token: its id, family and expiry. */
export type RefreshTokenRow = { id: string; familyId: string; expiresAt: Date };

export function newRefreshToken(signer: TokenSigner, familyId: string = uuidv7()): RefreshTokenRow {
  return {
    id: uuidv7(),
    familyId,
    expiresAt: new Date(Date.now() + signer.refreshTtlSeconds * 1000),
  };
}

/** The access token and the refresh token of a stored row. */
export async function signTokenPair(
  signer: TokenSigner,
  user: SessionUser,
  row: RefreshTokenRow,
): Promise<TokenPair> {
  const [access, refresh] = await Promise.all([
    signer.signAccess(user),
    signer.signRefresh({ userId: user.id, tokenId: row.id, familyId: row.familyId }),
  ]);
  return { access, refresh };
}

/** Issues an access token and a new refresh token of the given family (a new family by default). */
export async function issueTokenPair(
  db: Db,
  signer: TokenSigner,
  user: SessionUser,
  familyId?: string,
): Promise<TokenPair> {
  const row = newRefreshToken(signer, familyId);
  await db.refreshToken.create({ data: { ...row, userId: user.id } });
  return signTokenPair(signer, user, row);
}
