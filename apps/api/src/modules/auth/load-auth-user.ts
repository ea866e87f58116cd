import type { Db } from '../../db/prisma';
import type { SessionUser } from '../../core/auth-user';

/** The active user with this id or username, shaped as the token carries it; null if none. */
export async function loadAuthUser(
  db: Db,
  where: { id: string } | { username: string },
): Promise<(SessionUser & { passwordHash: string }) | null> {
  const user = await db.user.findUnique({ where, include: { doctor: { select: { id: true } } } });
  if (!user || !user.active) return null;
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    facilityId: user.facilityId,
    pharmacyId: user.pharmacyId,
    doctorId: user.doctor?.id ?? null,
    sessionVersion: user.sessionVersion,
    passwordHash: user.passwordHash,
  };
}
