'use client';

import { lazy, Suspense } from 'react';
import type { ComponentType } from 'react';
import { RequireSession } from '../session/require-session';
import { Loading } from './loading';

/**
 * A signed-in screen as a page: waits for the session and the local store, then loads the screen's
 * own code (its chunk, not the page's: a page load shows the unlock screen first, and the screens'
 * code — the local store's queries, forms, charts — is fetched only after the unlock). The Suspense
 * boundary also lets screens read query params safely in the static export.
 */
export function signedInScreen(load: () => Promise<ComponentType>): ComponentType {
  const Screen = lazy(async () => ({ default: await load() }));
  return function SignedInScreenPage() {
    return (
      <Suspense fallback={<Loading />}>
        <RequireSession>
          <Screen />
        </RequireSession>
      </Suspense>
    );
  };
}
