'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  ADMIN_ENDPOINTS,
  endpointUrl,
  type Endpoint,
  type EndpointAnswer,
  SYNC_ENDPOINTS,
} from '@healthsync/contracts';
import { useLocalQuery } from '../sync/local-query';
import { useAdminApi } from './admin-api';

/** Query keys of the admin screens (server data, never persisted on the device). */
export const ADMIN_KEYS = {
  users: ['admin', 'users'],
  facilities: ['admin', 'facilities'],
  devices: ['admin', 'devices'],
  conflicts: ['admin', 'conflicts'],
  audit: ['admin', 'audit'],
} as const;

type Row<E extends Endpoint> = EndpointAnswer<E> extends (infer T)[] ? T : never;

/** Every row of a paged admin list, once the sync client (whose tokens it uses) is open. */
function useAdminList<E extends Endpoint>(
  key: readonly string[],
  endpoint: E,
  options: { query?: Record<string, string>; order?: (a: Row<E>, b: Row<E>) => number } = {},
) {
  const api = useAdminApi();
  return useQuery({
    enabled: api.ready,
    queryKey: key,
    queryFn: async () => {
      const rows = (await api.getAll(endpoint, options.query)) as Row<E>[];
      return options.order ? rows.sort(options.order) : rows;
    },
  });
}

export const useUsers = () => useAdminList(ADMIN_KEYS.users, ADMIN_ENDPOINTS.listUsers);

export const useFacilities = () =>
  useAdminList(ADMIN_KEYS.facilities, ADMIN_ENDPOINTS.listFacilities, {
    order: (a, b) => a.name.localeCompare(b.name),
  });

export const useDevices = () => useAdminList(ADMIN_KEYS.devices, ADMIN_ENDPOINTS.listDevices);

/** Every user's open conflicts (admins see all of them). */
export const useServerConflicts = () =>
  useAdminList(ADMIN_KEYS.conflicts, SYNC_ENDPOINTS.listConflicts, { query: { status: 'open' } });

export interface AuditFilter {
  entity_type: string;
  entity_id: string;
  user_id: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, a page at a time ("older" follows the server's Link to the next page). */
export function useAudit(filter: AuditFilter) {
  const api = useAdminApi();
  const firstPage = endpointUrl(
    ADMIN_ENDPOINTS.listAudit,
    {},
    {
      limit: AUDIT_PAGE_SIZE,
      entity_type: filter.entity_type || undefined,
      entity_id: filter.entity_id.trim() || undefined,
      user_id: filter.user_id || undefined,
    },
  );
  return useInfiniteQuery({
    enabled: api.ready,
    queryKey: [...ADMIN_KEYS.audit, filter],
    initialPageParam: firstPage,
    queryFn: ({ pageParam }) => api.getPage(ADMIN_ENDPOINTS.listAudit, pageParam),
    getNextPageParam: (page) => page.next,
  });
}

/** Reference data the device already has (admins sync every facility's directory). */
export function useLocalDirectory() {
  return {
    pharmacies: useLocalQuery('pharmacies', ['admin-all'], async (client) =>
      (await client.pharmacies.list()).sort((a, b) => a.name.localeCompare(b.name)),
    ),
    medicines: useLocalQuery('medicines', ['admin-all'], async (client) =>
      (await client.medicines.list()).sort((a, b) => a.name.localeCompare(b.name)),
    ),
    doctors: useLocalQuery('doctors', ['admin-all'], async (client) =>
      (await client.doctors.list()).sort((a, b) => a.name.localeCompare(b.name)),
    ),
  };
}
