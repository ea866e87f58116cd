import { Suspense } from 'react';
import type { ReactNode } from 'react';
import { RequireSession } from '../session/require-session';
import { Loading } from './loading';

/** A signed-in screen: waits for the session and the local store; reads query params safely. */
export function Screen({ children }: { children: ReactNode }) {
  return (
    <Suspense fallback={<Loading />}>
      <RequireSession>{children}</RequireSession>
    </Suspense>
  );
}
