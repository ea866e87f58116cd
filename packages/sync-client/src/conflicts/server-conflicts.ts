import type { SyncConflict } from '@healthsync/contracts';
import { tableOf } from '../local/entities';
import type { SyncStore } from '../store/sync-store';
import type { SyncApi } from '../sync/sync-api';
import type { LocalConflict } from './local-conflict';

/** Closes the server-side records of conflicts resolved on this device (after their reapply is answered). */
export async function closeResolvedConflicts(store: SyncStore, api: SyncApi): Promise<number> {
  const due = await store.read(async (tx) => {
    const waiting = (await tx.getAll('conflicts')).filter((c) => c.serverClosePending);
    const ready: LocalConflict[] = [];
    for (const conflict of waiting) {
      if (conflict.reapplyMutationId && (await tx.get('outbox', conflict.reapplyMutationId)))
        continue;
      ready.push(conflict);
    }
    return ready;
  });
  for (const conflict of due) {
    await api.resolveConflict(conflict.id, 'discard');
    await store.write(async (tx) => {
      const current = await tx.get('conflicts', conflict.id);
      if (current) await tx.put('conflicts', { ...current, serverClosePending: false });
    });
  }
  return due.length;
}

function fromServer(conflict: SyncConflict, now: number): LocalConflict {
  const version = conflict.server_row.server_version;
  return {
    id: conflict.id,
    kind: 'server_newer',
    status: 'open',
    table: tableOf(conflict.resource_type),
    resourceType: conflict.resource_type,
    rowId: conflict.server_id,
    operation: 'update',
    mine: conflict.client_changes,
    snapshot: null,
    baseVersion: null,
    server: conflict.server_row,
    serverVersion: typeof version === 'number' ? version : null,
    mineChangedFields: conflict.client_changed_fields,
    serverChangedFields: conflict.server_changed_fields,
    errors: null,
    createdAt: now,
    resolvedAt: null,
    reapplyMutationId: null,
    serverClosePending: false,
  };
}

/** Brings the user's open server-side conflicts to this device (e.g. a replacement phone). */
export async function importServerConflicts(
  store: SyncStore,
  api: SyncApi,
  now: number,
): Promise<number> {
  const open = await api.openConflicts();
  return store.write(async (tx) => {
    let added = 0;
    for (const conflict of open) {
      if (await tx.get('conflicts', conflict.id)) continue;
      await tx.put('conflicts', fromServer(conflict, now));
      added += 1;
    }
    return added;
  });
}
