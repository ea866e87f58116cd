import { formatMicros } from '@healthsync/contracts';
import type { Meta } from '@medplum/fhirtypes';

type Versioned = { serverVersion: number; stamp: bigint };

/** `meta` of a resource built from a synced row: its version and its exact change stamp. */
export const metaOf = (row: Versioned, extra: Partial<Meta> = {}): Meta => ({
  versionId: String(row.serverVersion),
  lastUpdated: formatMicros(row.stamp),
  ...extra,
});

/** `meta` of a resource built from a row without a sync stamp (facilities). */
export const metaAt = (updated: Date): Meta => ({ lastUpdated: updated.toISOString() });

export const reference = (type: string, id: string) => ({ reference: `${type}/${id}` });
