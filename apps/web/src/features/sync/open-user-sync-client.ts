import type { CurrentUser } from '@healthsync/contracts';
import { createSyncClient, openIdbStore } from '@healthsync/sync-client';
import type { SyncClient } from '@healthsync/sync-client';
import { sessionTokenStore } from '../session/session-token-store';
import { localStoreName } from './local-store-name';
import { lockUserStore } from './lock-user-store';

/** A sync client on the user's own database and session; the same in a tab and in the worker. */
export async function openUserSyncClient(
  user: Pick<CurrentUser, 'id' | 'facility_id'>,
): Promise<SyncClient> {
  const store = await openIdbStore({ name: localStoreName(user.id) });
  const lock = lockUserStore(user.id);
  return createSyncClient({
    store,
    baseUrl: '',
    tokens: sessionTokenStore(user.id),
    ...(lock ? { lock } : {}),
    identity: () => ({ userId: user.id, facilityId: user.facility_id }),
    gzipUploads: false,
  });
}
