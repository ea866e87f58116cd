'use client';

import { useSession } from '../session/session-provider';
import { useLocalQuery } from '../sync/local-query';
import { referencedIds } from './field-value';
import type { NameKind, Names } from './field-value';

/**
 * Names for the ids these rows hold, from this device's store (patients, doctors, pharmacies,
 * medicines) and the session (the user's own facility and account). Ids not found stay ids.
 */
export function useLocalNames(
  rows: readonly (Record<string, unknown> | null | undefined)[],
): Names {
  const { user } = useSession();
  const refs = referencedIds(rows);
  const { data } = useLocalQuery(
    'doctors',
    ['names', ...refs.map((r) => `${r.kind}:${r.id}`).sort()],
    async (client) => {
      const found: Record<NameKind, Record<string, string>> = {
        patient: {},
        doctor: {},
        pharmacy: {},
        medicine: {},
        facility: {},
        user: {},
      };
      const collections = {
        patient: client.patients,
        doctor: client.doctors,
        pharmacy: client.pharmacies,
        medicine: client.medicines,
      } as const;
      await Promise.all(
        refs.map(async ({ kind, id }) => {
          if (kind === 'facility' || kind === 'user') return;
          const row = await collections[kind].get(id);
          if (row) found[kind][id] = row.name;
        }),
      );
      return found;
    },
  );
  const own: Names = user
    ? {
        facility: { [user.facility_id]: user.facility_name },
        user: { [user.id]: user.display_name ?? user.username },
      }
    : {};
  return {
    ...data,
    facility: { ...own.facility, ...data?.facility },
    user: { ...own.user, ...data?.user },
  };
}
