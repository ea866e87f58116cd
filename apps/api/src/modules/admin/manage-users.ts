import type {
  AdminListQuery,
  AdminUser,
  CreateUserInput,
  UpdateUserInput,
} from '@healthsync/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db, DoctorRow } from '../../db/prisma';
import { HealthSyncError, invalidField, notFound } from '../../lib/errors';
import { recordAudit } from '../../core/record-audit';
import { hashPassword } from '../auth/password';
import { revokeRefreshTokens } from '../auth/rotate-refresh-token';
import { doctorToWire } from '../directory/directory-to-wire';
import type { WriteContext } from '../../core/write-context';
import { adminUserInclude, userToWire } from './user-to-wire';

/** A page of accounts by username, with one row more than `limit` if there is more. */
export async function listUsers(db: Db, page: AdminListQuery): Promise<AdminUser[]> {
  const rows = await db.user.findMany({
    include: adminUserInclude,
    orderBy: { username: 'asc' },
    take: page.limit + 1,
    skip: page.offset,
  });
  return rows.map(userToWire);
}

type Links = {
  role: string;
  facilityId: string;
  pharmacyId: string | null;
  doctorId: string | null;
};

/** A pharmacist needs a pharmacy; a doctor account may be linked to a Doctor of its facility. */
async function checkLinks(db: Db, links: Links): Promise<void> {
  if (!(await db.facility.findUnique({ where: { id: links.facilityId } })))
    throw invalidField('facility_id', 'Unknown facility.');
  if (links.role === 'pharmacist' && !links.pharmacyId)
    throw invalidField('pharmacy_id', 'A pharmacist needs a pharmacy.');
  if (links.pharmacyId && !(await db.pharmacy.findUnique({ where: { id: links.pharmacyId } }))) {
    throw invalidField('pharmacy_id', 'Unknown pharmacy.');
  }
  if (links.doctorId) {
    const doctor = await db.doctor.findUnique({ where: { id: links.doctorId } });
    if (!doctor || doctor.facilityId !== links.facilityId)
      throw invalidField('doctor_id', 'Unknown doctor in this facility.');
  }
}

/** Links the account to a doctor (unlinking any other); each changed doctor row is audited. */
async function linkDoctor(
  db: Db,
  ctx: WriteContext,
  userId: string,
  doctorId: string | null | undefined,
): Promise<void> {
  if (doctorId === undefined) return;
  const setUser = async (doctor: DoctorRow, newUserId: string | null) => {
    const updated = await db.doctor.update({
      where: { id: doctor.id },
      data: { userId: newUserId },
    });
    await recordAudit(db, ctx.actor, {
      action: 'update',
      entityType: 'Doctor',
      entityId: doctor.id,
      before: doctorToWire(doctor),
      after: doctorToWire(updated),
    });
  };
  const unlinked = await db.doctor.findMany({
    where: { userId, NOT: { id: doctorId ?? undefined } },
  });
  for (const doctor of unlinked) await setUser(doctor, null);
  if (doctorId) {
    const doctor = await db.doctor.findUniqueOrThrow({ where: { id: doctorId } });
    if (doctor.userId && doctor.userId !== userId)
      throw invalidField('doctor_id', 'This doctor is linked to another account.');
    if (doctor.userId !== userId) await setUser(doctor, userId);
  }
}

export async function createUser(
  tx: Db,
  ctx: WriteContext,
  input: CreateUserInput,
): Promise<AdminUser> {
  if (await tx.user.findUnique({ where: { username: input.username } })) {
    throw new HealthSyncError('CONFLICT', 'This username is taken.', {
      errors: { username: 'Already taken.' },
    });
  }
  const pharmacyId = input.pharmacy_id ?? null;
  await checkLinks(tx, {
    role: input.role,
    facilityId: input.facility_id,
    pharmacyId,
    doctorId: input.doctor_id ?? null,
  });
  const id = uuidv7();
  await tx.user.create({
    data: {
      id,
      username: input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      displayName: input.display_name ?? null,
      facilityId: input.facility_id,
      pharmacyId,
    },
  });
  await linkDoctor(tx, ctx, id, input.doctor_id);
  const user = userToWire(
    await tx.user.findUniqueOrThrow({ where: { id }, include: adminUserInclude }),
  );
  await recordAudit(tx, ctx.actor, {
    action: 'create',
    entityType: 'User',
    entityId: id,
    after: user,
  });
  return user;
}

/**
 * Changes an account. A new password, deactivation, or a new role, facility or pharmacy ends every
 * session: the trigger raises the session version (access tokens stop working), and here the
 * refresh tokens are revoked, so the person signs in again under the new terms.
 */
export async function updateUser(
  tx: Db,
  ctx: WriteContext,
  id: string,
  input: UpdateUserInput,
): Promise<AdminUser> {
  const current = await tx.user.findUnique({ where: { id }, include: adminUserInclude });
  if (!current) throw notFound('User not found.');
  const role = input.role ?? current.role;
  const facilityId = input.facility_id ?? current.facilityId;
  const pharmacyId = input.pharmacy_id === undefined ? current.pharmacyId : input.pharmacy_id;
  const doctorId = input.doctor_id === undefined ? (current.doctor?.id ?? null) : input.doctor_id;
  await checkLinks(tx, { role, facilityId, pharmacyId, doctorId });
  if (id === ctx.user.id && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw invalidField(
      input.active === false ? 'active' : 'role',
      'You cannot lock yourself out of administration.',
    );
  }
  const updated = await tx.user.update({
    where: { id },
    data: {
      role,
      facilityId,
      pharmacyId,
      displayName: input.display_name,
      active: input.active,
      updatedAt: new Date(),
      ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
    },
  });
  await linkDoctor(tx, ctx, id, input.doctor_id);
  if (updated.sessionVersion !== current.sessionVersion) {
    await revokeRefreshTokens(tx, { userId: id });
  }
  const user = userToWire(
    await tx.user.findUniqueOrThrow({ where: { id }, include: adminUserInclude }),
  );
  await recordAudit(tx, ctx.actor, {
    action: input.password ? 'update+password' : 'update',
    entityType: 'User',
    entityId: id,
    before: userToWire(current),
    after: user,
  });
  return user;
}
