import type { UploadChange } from '@healthsync/contracts';

/** A batch sent (or about to be sent) and not yet answered: it is re-sent as is until a receipt comes. */
export interface InflightBatch {
  batchId: string;
  entryIds: string[];
  changes: UploadChange[];
  createdAt: number;
}

/** A batch the server refused as a whole (4xx): parked, its entries kept as `failed`. */
export interface ParkedBatch extends InflightBatch {
  status: number;
  error: string;
}

export interface PullValidator {
  since: string;
  limit: number;
  etag: string;
}

/** Everything the meta table holds, by key. */
export interface MetaValues {
  deviceId: string;
  /** The download cursor: an opaque change stamp, never parsed into a Date. */
  cursor: string;
  outboxSeq: number;
  inflightBatch: InflightBatch | null;
  parkedBatches: ParkedBatch[];
  lastSuccessfulSyncAt: number;
  pullValidator: PullValidator | null;
  /** When a database written before encryption was copied into this one (seal-plain-store.ts). */
  copiedFromPlainAt: number;
  /** The facility whose data this copy holds (local-scope.ts). */
  scope: string;
  /** The `observationHeads` table is filled and kept (observation-heads.ts); else filled at the next read. */
  observationHeads: boolean;
}

export type MetaKey = keyof MetaValues;

export type MetaEntry = { [K in MetaKey]: { key: K; value: MetaValues[K] } }[MetaKey];
