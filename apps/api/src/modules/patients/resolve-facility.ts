import type { Db } from '../../db/prisma';
import { forbidden, invalidField } from '../../lib/errors';
import type { AuthUser } from '../../core/auth-user';

/** The facility a write goes to: the caller's own unless an admin names another that exists. */
export async function resolveFacility(
  db: Db,
  user: AuthUser,
  requested: string | undefined,
): Promise<string> {
  if (!requested || requested === user.facilityId) return user.facilityId;
  if (user.role !== 'admin')
    throw forbidden('You can only register patients in your own facility.');
  const facility = await db.facility.findUnique({ where: { id: requested }, select: { id: true } });
  if (!facility) throw invalidField('facility_id', 'Unknown facility.');
  return facility.id;
}
