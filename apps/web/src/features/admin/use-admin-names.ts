'use client';

import type { Names } from '../conflicts/field-value';
import { useLocalNames } from '../conflicts/use-local-names';
import { useFacilities, useUsers } from './use-admin-data';

/** What a user is called on admin screens: their display name, or their username. */
export function userName(user: { username: string; display_name: string | null }): string {
  return user.display_name ?? user.username;
}

/** Names for the ids in these rows: the local store's, plus every account and facility (admin data). */
export function useAdminNames(
  rows: readonly (Record<string, unknown> | null | undefined)[],
): Names {
  const local = useLocalNames(rows);
  const users = useUsers();
  const facilities = useFacilities();
  return {
    ...local,
    user: {
      ...local.user,
      ...Object.fromEntries((users.data ?? []).map((u) => [u.id, userName(u)])),
    },
    facility: {
      ...local.facility,
      ...Object.fromEntries((facilities.data ?? []).map((f) => [f.id, f.name])),
    },
  };
}

/** The name a record goes by, if its row has one (a patient, a medicine, an appointment's patient). */
export function subjectOf(
  row: Record<string, unknown> | null | undefined,
  names: Names,
): string | null {
  if (!row) return null;
  for (const field of ['name', 'medicine_name', 'username'] as const) {
    const value = row[field];
    if (typeof value === 'string' && value) return value;
  }
  const patient = row.patient_id ?? row.patient;
  return typeof patient === 'string' ? (names.patient?.[patient] ?? null) : null;
}
