import type { TokenPair } from '@healthsync/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/prisma';
import type { SessionUser } from './auth-user';
import type { TokenSigner } from './token-signer';

/** Issues an access token and a new refresh token of the given family (a new family by default). */
export async function issueTokenPair(
  db: Db,
  signer: TokenSigner,
  user: SessionUser,
  familyId: string = uuidv7(),
): Promise<TokenPair> {
  const tokenId = uuidv7();
  await db.refreshToken.create({
    data: {
      id: tokenId,
      familyId,
      userId: user.id,
      expiresAt: new Date(Date.now() + signer.refreshTtlSeconds * 1000),
    },
  });
  const [access, refresh] = await Promise.all([
    signer.signAccess(user),
    signer.signRefresh({ userId: user.id, tokenId, familyId }),
  ]);
  return { access, refresh };
}
