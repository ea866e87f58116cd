'use client';

import type { ReactNode } from 'react';
import { HealthSyncError } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import { useLocalStoreError, useSyncClient } from '../sync/sync-client-provider';
import { Loading } from '../ui/loading';
import { RevokedNotice } from './revoked-notice-view';
import { useSession } from './session-provider';
import { SignInForm } from './sign-in-form';
import { UnlockScreen } from './unlock-screen';

/**
 * Shows its children to a signed-in, unlocked user whose local store is open; otherwise the
 * sign-in form (with the deactivation notice, if any) or the unlock screen.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { ready, user, keys, locked } = useSession();
  const client = useSyncClient();
  const storeError = useLocalStoreError();
  const t = useT();
  // The session comes from this device's storage in a few milliseconds: painting "loading" for
  // that instant would only be pushed down when the signed-in navigation appears (layout shift).
  if (!ready) return null;
  if (!user) {
    return (
      <>
        <RevokedNotice />
        <SignInForm />
      </>
    );
  }
  if (!keys || locked) return <UnlockScreen />;
  if (storeError) {
    return (
      <p role="alert" className="rounded-lg bg-red-50 px-3 py-3 text-base text-red-900">
        {storeError instanceof HealthSyncError && storeError.code === 'LOCAL_SCHEMA_TOO_NEW'
          ? t('store.tooNew')
          : t('store.unavailable')}
      </p>
    );
  }
  if (!client) return <Loading />;
  return <>{children}</>;
}
