import type { SyncClientStatus } from '@healthsync/sync-client';

/** The one-off Background Sync registration that pushes the outbox (one per device). */
export const OUTBOX_SYNC_TAG = 'healthsync-outbox';

/** Worker → tab, with a MessageChannel port: "sync now and tell me how it went". */
export const SYNC_REQUEST = 'SYNC_OUTBOX';

/** Tab → worker on that port: `accepted` at once, then `done` with the outcome. */
export type SyncReply = { type: 'accepted' } | { type: 'done'; ok: boolean };

/** The outbox holds something the server has not accepted yet (parked batches wait for a person). */
export function hasWorkToSend(status: SyncClientStatus): boolean {
  return status.pendingCount > status.failedCount;
}

/** The sync asked for at `startedAt` went through: a success since, and no failure after it. */
export function syncSucceeded(status: SyncClientStatus, startedAt: number): boolean {
  const success = status.lastSuccessfulSyncAt;
  if (status.needsSignIn || success === null || success < startedAt) return false;
  // After a success lastError is null, or the parked batch's error stamped with the same time.
  return status.lastError === null || status.lastError.at <= success;
}
