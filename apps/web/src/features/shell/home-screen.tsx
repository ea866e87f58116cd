'use client';

import { lazy, Suspense } from 'react';
import { useT } from '../i18n/i18n-provider';
import { useSession } from '../session/session-provider';
import { SignInForm } from '../session/sign-in-form';
import { UnlockScreen } from '../session/unlock-screen';
import { RevokedNotice } from '../session/revoked-notice-view';
import { Loading } from '../ui/loading';

// Its own chunk: a page load shows the sign-in or unlock screen first.
const SignedInHome = lazy(() =>
  import('./signed-in-home').then((module) => ({ default: module.SignedInHome })),
);

/** Sign-in for a visitor, the unlock screen after a reload; then the signed-in home. */
export function HomeScreen() {
  const t = useT();
  const { ready, user, keys, locked } = useSession();
  // Nothing until the session is read (a few ms, from this device): a title painted before would
  // be pushed down when the signed-in navigation and status bar appear.
  if (!ready) return null;
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="home-title" className="flex flex-col gap-2">
        <h1 id="home-title" className="text-3xl font-bold tracking-tight text-brand-800">
          HealthSync
        </h1>
        <p className="text-lg text-slate-700">{t('home.tagline')}</p>
      </section>
      {!user ? (
        <>
          <RevokedNotice />
          <SignInForm />
        </>
      ) : !keys || locked ? (
        <UnlockScreen />
      ) : (
        <Suspense fallback={<Loading />}>
          <SignedInHome user={user} />
        </Suspense>
      )}
    </div>
  );
}
