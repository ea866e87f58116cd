import { resetForResync } from '../sync/apply-page';
import type { SyncStore } from './sync-store';

/**
 * Records which facility the local copy belongs to. When the user now belongs to another one,
 * the old copy goes the way of a 410 RESYNC_REQUIRED (resetForResync): every server copy is
 * dropped and the cursor starts over, only unsent work stays. Resolves true when it reset.
 */
export async function adoptScope(store: SyncStore, facilityId: string): Promise<boolean> {
  return store.write(async (tx) => {
    const current = await tx.getMeta('scope');
    if (current === facilityId) return false;
    await tx.setMeta('scope', facilityId);
    if (current === undefined) return false;
    await resetForResync(tx);
    return true;
  });
}

/**
 * Deletes everything the server has (a revoked account, a sign-out with unsent work): only the
 * outbox, the rows it changes (their server copies dropped) and open conflicts stay, to go up at
 * the next online sign-in. Resolves with the number of changes waiting.
 */
export async function forgetSyncedData(store: SyncStore): Promise<number> {
  return store.write(async (tx) => {
    await resetForResync(tx);
    return tx.count('outbox');
  });
}
