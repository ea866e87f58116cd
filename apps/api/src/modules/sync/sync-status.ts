import { formatMicros, SYNC_PROTOCOL_VERSION, type SyncStatus } from '@healthsync/contracts';

/** The body of GET /api/sync/status/ (docs/api.md#sync-status), with the current watermark. */
export function syncStatus(watermark: bigint): SyncStatus {
  return {
    server_time: formatMicros(watermark),
    protocol_version: SYNC_PROTOCOL_VERSION,
    sync_strategy: {
      strategy: 'Server-Authoritative',
      description: 'Server data is the source of truth for rural healthcare.',
      conflict_handling: 'Stale client updates are rejected to maintain data integrity.',
      resolution: 'Clients must refresh when conflicts occur.',
    },
    supported_parameters: {
      last_sync_timestamp: 'ISO 8601 datetime (e.g., 2024-01-20T10:00:00Z)',
      pharmacy_id: 'Optional pharmacy filter for inventory sync',
      limit:
        'Optional page size; X-Has-More: true when the page was cut (continue from X-Last-Sync)',
    },
    sync_endpoints: {
      patients: '/api/patients/sync/',
      appointments: '/api/appointments/sync/',
      pharmacy_inventory: '/api/pharmacy-inventory/sync/',
      doctors: '/api/doctors/sync/',
      records: '/api/records/sync/',
      download: '/api/sync/download/',
      upload: '/api/sync/upload/',
      conflicts: '/api/sync/conflicts/',
    },
    headers: {
      'X-Last-Sync': 'Server time for next sync',
      'X-Records-Synced': 'Number of records returned',
      ETag: 'For conditional requests (If-None-Match)',
      'X-Sync-Strategy': 'Conflict resolution approach',
    },
    conflict_handling: {
      strategy: 'Server-Authoritative',
      error_code: 'STALE_UPDATE',
      http_status: 409,
      suggested_action: 'REFRESH',
    },
  };
}
