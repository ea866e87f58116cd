'use client';

import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n-provider';
import { useLocalStoreError, useSyncClient } from '../sync/sync-client-provider';
import { Loading } from '../ui/loading';
import { useSession } from './session-provider';
import { SignInForm } from './sign-in-form';

/** Shows its children to a signed-in user whose local store is open; otherwise the sign-in form. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { ready, user } = useSession();
  const client = useSyncClient();
  const storeError = useLocalStoreError();
  const t = useT();
  // The session comes from this device's storage in a few milliseconds: painting "loading" for
  // that instant would only be pushed down when the signed-in navigation appears (layout shift).
  if (!ready) return null;
  if (!user) return <SignInForm />;
  if (storeError) {
    return (
      <p role="alert" className="rounded-lg bg-red-50 px-3 py-3 text-base text-red-900">
        {storeError.name === 'SchemaTooNewError' ? t('store.tooNew') : t('store.unavailable')}
      </p>
    );
  }
  if (!client) return <Loading />;
  return <>{children}</>;
}
