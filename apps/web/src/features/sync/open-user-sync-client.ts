import type { CurrentUser } from '@healthsync/contracts';
import {
  adoptScope,
  copyPlainStore,
  createSyncClient,
  openIdbStore,
  sealStore,
} from '@healthsync/sync-client';
import type { DataKeys, SealedStore, SyncClient, SyncStore } from '@healthsync/sync-client';
import { sessionTokenStore } from '../session/session-token-store';
import { deleteDatabase, localStoreName, plainStoreName } from './local-store-name';
import { lockUserStore, storeWriteLock } from './lock-user-store';
import { refreshTokensFor } from './refresh-tokens';

export interface UserSyncClient {
  client: SyncClient;
  /** The sealed store under the client (to forget synced data after it stopped). */
  store: SealedStore;
}

/** A database this app wrote before encryption: copied into the sealed one, then deleted. */
async function takeOverPlainStore(userId: string, sealed: SyncStore): Promise<void> {
  const name = plainStoreName(userId);
  const existing = await indexedDB.databases?.().catch(() => null);
  if (!existing?.some((db) => db.name === name)) return;
  const plain = await openIdbStore({ name });
  try {
    await copyPlainStore(plain, sealed);
  } finally {
    await plain.close();
  }
  await deleteDatabase(name);
}

/**
 * A sync client on the user's own sealed database and session, in a tab that holds the user's
 * keys. A user moved to another facility finds the old facility's copy dropped first (adoptScope).
 */
export async function openUserSyncClient(
  user: Pick<CurrentUser, 'id' | 'facility_id'>,
  keys: DataKeys,
  hooks: { onAccountDisabled: () => void },
): Promise<UserSyncClient> {
  const lock = lockUserStore(user.id);
  const inner = await openIdbStore({ name: localStoreName(user.id) });
  const writeLock = storeWriteLock(user.id);
  // The channel keeps each tab's decrypted patients in step with the other tabs' writes.
  const store = sealStore(inner, keys, {
    ...(writeLock ? { writeLock } : {}),
    channel: localStoreName(user.id),
  });
  await takeOverPlainStore(user.id, store);
  await adoptScope(store, user.facility_id);
  const client = await createSyncClient({
    store,
    baseUrl: '',
    tokens: sessionTokenStore(user.id),
    refreshTokens: refreshTokensFor(user.id, hooks.onAccountDisabled),
    ...(lock ? { lock } : {}),
    identity: () => ({ userId: user.id, facilityId: user.facility_id }),
    gzipUploads: false,
  });
  return { client, store };
}
