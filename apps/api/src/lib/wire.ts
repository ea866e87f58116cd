import { calendarDateToDate, formatDate, formatMicros } from '@healthsync/contracts';

type SyncedRow = {
  id: string;
  serverVersion: number;
  stamp: bigint;
  createdAt: Date;
  lastSyncedAt: Date | null;
  deleted: boolean;
};

/** The common sync columns as the wire shows them; `updated_at` is the exact change stamp. */
export function syncFieldsToWire(row: SyncedRow) {
  return {
    id: row.id,
    server_version: row.serverVersion,
    created_at: formatDate(row.createdAt),
    updated_at: formatMicros(row.stamp),
    last_synced_at: row.lastSyncedAt ? formatDate(row.lastSyncedAt) : null,
    deleted: row.deleted,
  };
}

export const dateOnly = (date: Date | null): string | null =>
  date ? date.toISOString().slice(0, 10) : null;

export const parseDateOnly = (value: string | null | undefined): Date | null | undefined =>
  value === undefined ? undefined : value === null ? null : calendarDateToDate(value);

/** JSON columns come back as unknown; objects are what the contracts promise. */
export function jsonObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
