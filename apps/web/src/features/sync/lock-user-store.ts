import type { SyncLock } from '@healthsync/sync-client';
import { localStoreName } from './local-store-name';

/**
 * The locks the sync clients of one user share across tabs and the service worker (Web Locks):
 * one sync cycle at a time on the user's store, one refresh at a time of the user's tokens.
 * Undefined where the browser has no Web Locks (no Background Sync there either).
 */
export function lockUserStore(userId: string): SyncLock | undefined {
  if (typeof navigator === 'undefined' || !navigator.locks) return undefined;
  const locks = navigator.locks;
  return (name, task) => locks.request(`${localStoreName(userId)}:${name}`, task);
}

/**
 * Serializes writes to the user's sealed store across tabs (sealed-store.ts: a write reads, then
 * encrypts, then writes, in two transactions). Undefined without Web Locks.
 */
export function storeWriteLock(
  userId: string,
): (<T>(task: () => Promise<T>) => Promise<T>) | undefined {
  if (typeof navigator === 'undefined' || !navigator.locks) return undefined;
  const locks = navigator.locks;
  return (task) => locks.request(`${localStoreName(userId)}:store`, task);
}
