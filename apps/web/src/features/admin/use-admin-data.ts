'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { AdminUser, AuditEntry, DeviceHealth, Facility, SyncConflict } from '@healthsync/contracts';
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

export function useUsers() {
  const api = useAdminApi();
  return useQuery({
    enabled: api.ready,
    queryKey: ADMIN_KEYS.users,
    queryFn: () => api.getAll(z.array(AdminUser), '/api/admin/users/'),
  });
}

export function useFacilities() {
  const api = useAdminApi();
  return useQuery({
    enabled: api.ready,
    queryKey: ADMIN_KEYS.facilities,
    queryFn: async () =>
      (await api.getAll(z.array(Facility), '/api/admin/facilities/')).sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
  });
}

export function useDevices() {
  const api = useAdminApi();
  return useQuery({
    enabled: api.ready,
    queryKey: ADMIN_KEYS.devices,
    queryFn: () => api.getAll(z.array(DeviceHealth), '/api/admin/devices/'),
  });
}

/** Every user's open conflicts (admins see all of them). */
export function useServerConflicts() {
  const api = useAdminApi();
  return useQuery({
    enabled: api.ready,
    queryKey: ADMIN_KEYS.conflicts,
    queryFn: () => api.getAll(z.array(SyncConflict), '/api/sync/conflicts/?status=open'),
  });
}

export interface AuditFilter {
  entity_type: string;
  entity_id: string;
  user_id: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, a page at a time ("older" follows the server's Link to the next page). */
export function useAudit(filter: AuditFilter) {
  const api = useAdminApi();
  const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (filter.entity_type) params.set('entity_type', filter.entity_type);
  if (filter.entity_id.trim()) params.set('entity_id', filter.entity_id.trim());
  if (filter.user_id) params.set('user_id', filter.user_id);
  return useInfiniteQuery({
    enabled: api.ready,
    queryKey: [...ADMIN_KEYS.audit, filter],
    initialPageParam: `/api/admin/audit/?${params.toString()}`,
    queryFn: ({ pageParam }) => api.getPage(z.array(AuditEntry), pageParam),
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
