import { formatDate, formatMicros, type SyncConflict } from '@healthsync/contracts';
import type { SyncConflictRow } from '../../../db/prisma';
import { jsonObject } from '../../../lib/wire';

export function conflictToWire(row: SyncConflictRow): SyncConflict {
  return {
    id: row.id,
    status: row.status as SyncConflict['status'],
    resource_type: row.resourceType,
    server_id: row.entityId,
    source: row.source as SyncConflict['source'],
    user_id: row.userId,
    device_id: row.deviceId,
    batch_id: row.batchId,
    client_change_id: row.clientChangeId,
    client_version: row.clientVersion,
    server_version: formatMicros(row.serverStamp),
    client_changes: jsonObject(row.clientChanges),
    client_changed_fields: row.clientChangedFields,
    server_changed_fields: row.serverChangedFields,
    server_row: jsonObject(row.serverRow),
    created_at: formatDate(row.createdAt),
    resolved_at: row.resolvedAt ? formatDate(row.resolvedAt) : null,
    resolved_by: row.resolvedBy,
  };
}
