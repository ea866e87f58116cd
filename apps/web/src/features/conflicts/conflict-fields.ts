import type { LocalConflict } from '@healthsync/sync-client';

/** One field of both sides, as stored (field-value.ts puts them in words). */
export interface FieldComparison {
  field: string;
  mine: unknown;
  server: unknown;
  /** Both sides changed this field: the person must choose. */
  both: boolean;
}

const HIDDEN = new Set([
  'id',
  'server_version',
  'updated_at',
  'created_at',
  'last_synced_at',
  'last_updated',
]);

/** The fields to put side by side: what either side changed, plus everything our edit sends. */
export function compareFields(conflict: LocalConflict): FieldComparison[] {
  return compareChanges({
    mine: conflict.mine,
    server: conflict.server,
    mineChanged: conflict.mineChangedFields,
    serverChanged: conflict.serverChangedFields,
  });
}

/** The same comparison for any conflict (the server's, as admins see them). */
export function compareChanges(sides: {
  mine: Record<string, unknown>;
  server: Record<string, unknown> | null | undefined;
  mineChanged: readonly string[];
  serverChanged: readonly string[];
}): FieldComparison[] {
  const { mine, server, mineChanged, serverChanged } = sides;
  const fields = [...new Set([...mineChanged, ...serverChanged, ...Object.keys(mine)])].filter(
    (field) => !HIDDEN.has(field),
  );
  return fields.map((field) => ({
    field,
    mine: field in mine ? mine[field] : server?.[field],
    server: server?.[field],
    both: mineChanged.includes(field) && serverChanged.includes(field),
  }));
}
