import type { ErrorCode } from '@healthsync/contracts';
import type { EntityTable } from '../store/tables';

export type SyncPhase = 'idle' | 'pushing' | 'pulling';

export interface SyncErrorInfo {
  /**
   * The shared error code (NETWORK_ERROR, TOKEN_INVALID, VALIDATION_ERROR…); null for a failure
   * of this device itself (its storage, a bug).
   */
  code: ErrorCode | null;
  message: string;
  /** The HTTP status, when the server answered. */
  status: number | null;
  at: number;
}

export interface PullProgress {
  /** Rows pulled so far in this pull. */
  pulled: number;
  /** About how many rows this pull brings in all (the server's estimate); null when unknown. */
  total: number | null;
  /** What the latest page was mostly about (the feed is in time order, across tables). */
  table: EntityTable | null;
}

/** Everything a status bar needs. Replaced (never mutated) on every change. */
export interface SyncClientStatus {
  /** The platform's connectivity signal (navigator.onLine by default; it can lie). */
  online: boolean;
  phase: SyncPhase;
  /** How far the current pull (a big first sync) has come; null when not pulling. */
  progress: PullProgress | null;
  /** Outbox mutations not yet accepted by the server (queued, in flight or failed). */
  pendingCount: number;
  /** Mutations parked because the server refused their batch as a whole; see retryFailed(). */
  failedCount: number;
  lastSuccessfulSyncAt: number | null;
  lastError: SyncErrorInfo | null;
  openConflicts: number;
  needsSignIn: boolean;
  /** Nothing on this device is missing from the server: wiping it loses no work. */
  safeToWipe: boolean;
  /** When the next automatic retry is due after a failure (ms epoch), else null. */
  nextRetryAt: number | null;
}

export const INITIAL_STATUS: SyncClientStatus = {
  online: true,
  phase: 'idle',
  progress: null,
  pendingCount: 0,
  failedCount: 0,
  lastSuccessfulSyncAt: null,
  lastError: null,
  openConflicts: 0,
  needsSignIn: false,
  safeToWipe: false,
  nextRetryAt: null,
};
