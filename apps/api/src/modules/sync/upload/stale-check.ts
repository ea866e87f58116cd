import { formatMicros, parseTimestamp, type UploadChange } from '@healthsync/contracts';
import { invalidField } from '../../../lib/errors';
import type { CurrentRow } from './lock-current-rows';

/** What an edit was based on: the server's updated_at (µs) or its server_version. */
export type EditBase =
  | { kind: 'stamp'; micros: bigint; label: string }
  | { kind: 'version'; version: number; label: string };

export function editBaseOf(
  change: Pick<UploadChange, 'client_updated_at' | 'base_version'>,
  field = 'client_updated_at',
): EditBase {
  if (change.base_version !== undefined) {
    return { kind: 'version', version: change.base_version, label: `v${change.base_version}` };
  }
  if (change.client_updated_at !== undefined) {
    const parsed = parseTimestamp(change.client_updated_at);
    if (parsed.ok)
      return { kind: 'stamp', micros: parsed.micros, label: formatMicros(parsed.micros) };
  }
  throw invalidField(
    field,
    'Send the server updated_at (or base_version) this edit was based on, so a stale edit cannot overwrite a newer one.',
  );
}

/** True when the row changed on the server after the version the client edited. */
export function isStale(current: CurrentRow, base: EditBase): boolean {
  return base.kind === 'version'
    ? current.serverVersion !== base.version
    : current.stamp > base.micros;
}
