import { Prisma } from '../../db/prisma';
import type { AuthUser } from '../../core/auth-user';

/** The caller's facility scope on a facility column: admins see every facility. */
export const facilityScope = (user: AuthUser, column: Prisma.Sql): Prisma.Sql =>
  user.role === 'admin' ? Prisma.sql`TRUE` : Prisma.sql`${column} = ${user.facilityId}::uuid`;
