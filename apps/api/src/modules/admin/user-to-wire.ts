import { formatDate, type AdminUser } from '@healthsync/contracts';
import type { UserRow } from '../../db/prisma';

export const adminUserInclude = { doctor: { select: { id: true } } } as const;

export function userToWire(row: UserRow & { doctor: { id: string } | null }): AdminUser {
  return {
    id: row.id,
    username: row.username,
    display_name: row.displayName,
    role: row.role,
    facility_id: row.facilityId,
    pharmacy_id: row.pharmacyId,
    doctor_id: row.doctor?.id ?? null,
    active: row.active,
    created_at: formatDate(row.createdAt),
  };
}
