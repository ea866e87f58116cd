'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LocalConflict, SyncClient } from '@healthsync/sync-client';
import { useLocalQuery } from '../sync/local-query';
import { LOCAL_QUERY_ROOT } from '../sync/local-query-keys';
import { useSyncClient } from '../sync/sync-client-provider';

export interface ConflictRow {
  conflict: LocalConflict;
  /** A name a person recognises: the patient's, or the appointment's patient. */
  subject: string | null;
}

async function subjectOf(client: SyncClient, conflict: LocalConflict): Promise<string | null> {
  if (conflict.table === 'patients') {
    return (
      (await client.patients.get(conflict.rowId))?.name ??
      (conflict.server?.name as string | undefined) ??
      null
    );
  }
  if (conflict.table === 'appointments') {
    const appointment = await client.appointments.get(conflict.rowId);
    const patientId =
      appointment?.patient_id ?? (conflict.server?.patient_id as string | undefined);
    return patientId ? ((await client.patients.get(patientId))?.name ?? null) : null;
  }
  if (conflict.table === 'inventory') {
    return (await client.inventory.get(conflict.rowId))?.medicine_name ?? null;
  }
  return null;
}

export function useOpenConflicts() {
  return useLocalQuery('conflicts', ['open'], async (client) => {
    const conflicts = await client.listConflicts('open');
    return Promise.all(
      conflicts.map(async (conflict) => ({ conflict, subject: await subjectOf(client, conflict) })),
    );
  });
}

/** Conflicts the server kept for this user that this device has not seen (e.g. a new phone). */
export function useImportServerConflicts() {
  const client = useSyncClient();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['server', 'conflicts-import', client?.deviceId ?? null],
    enabled: client !== null,
    retry: false,
    queryFn: async () => {
      const added = client ? await client.importServerConflicts() : 0;
      if (added > 0)
        await queryClient.invalidateQueries({ queryKey: [LOCAL_QUERY_ROOT, 'conflicts'] });
      return added;
    },
  });
}
