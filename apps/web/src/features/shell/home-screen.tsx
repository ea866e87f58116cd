'use client';

import { useT } from '../i18n/i18n-provider';
import { useSession } from '../session/session-provider';
import { SignInForm } from '../session/sign-in-form';
import { SignOutButton } from '../session/sign-out-button';
import { UnlockScreen } from '../session/unlock-screen';
import { RevokedNotice } from '../session/revoked-notice-view';
import { PinSetup } from '../session/pin-setup';
import { LinkButton } from '../ui/link-button';
import { cardClass } from '../ui/styles';
import { WorkList } from '../worklist/work-list';
import { WORK_LIST_ROLES } from './main-nav';

/** Sign-in for a visitor; for a signed-in user, who they are and where to start. */
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
        <>
          <PinSetup />
          {WORK_LIST_ROLES.includes(user.role) ? <WorkList /> : null}
          <section aria-labelledby="welcome-title" className={`${cardClass} flex flex-col gap-4`}>
            <h2 id="welcome-title" className="text-xl font-semibold">
              {t('home.welcome')}
            </h2>
            <p data-testid="signed-in-as" className="text-base">
              {t('home.signedInAs', { name: user.display_name ?? user.username })}
              <br />
              <span className="text-slate-700">
                {t(`role.${user.role}`)} · {user.facility_name}
              </span>
            </p>
            {user.role === 'pharmacist' ? (
              <div className="grid gap-3 sm:grid-cols-2">
                <LinkButton href="/stock" variant="primary">
                  {t('nav.stock')}
                </LinkButton>
                <LinkButton href="/medicines">{t('nav.medicines')}</LinkButton>
              </div>
            ) : (
              <div className="grid gap-3 sm:grid-cols-3">
                <LinkButton href="/appointments" variant="primary">
                  {t('nav.appointments')}
                </LinkButton>
                <LinkButton href="/patients">{t('nav.patients')}</LinkButton>
                <LinkButton href="/patients/new">{t('patients.register')}</LinkButton>
                {user.role === 'admin' ? (
                  <LinkButton href="/admin">{t('nav.admin')}</LinkButton>
                ) : null}
              </div>
            )}
            <SignOutButton />
          </section>
        </>
      )}
    </div>
  );
}
