import type { Role } from '@healthsync/contracts';

/** The signed-in caller, as carried in the access token. */
export type AuthUser = {
  id: string;
  username: string;
  role: Role;
  facilityId: string;
  pharmacyId: string | null;
  doctorId: string | null;
};

/** The caller as an access token names them: plus the session version it was issued under. */
export type SessionUser = AuthUser & { sessionVersion: number };

/** Admins see every facility; everyone else only their own. */
export function canAccessFacility(user: AuthUser, facilityId: string): boolean {
  return user.role === 'admin' || user.facilityId === facilityId;
}

/** Patients, records and appointments are for clinical staff and admins, not pharmacists. */
export function canUseClinicalData(user: AuthUser): boolean {
  return user.role !== 'pharmacist';
}
