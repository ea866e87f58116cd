'use client';

import type { CurrentUser } from '@healthsync/contracts';
import { useT } from '../i18n/i18n-provider';
import { PinSetup } from '../session/pin-setup';
import { SignOutButton } from '../session/sign-out-button';
import { LinkButton } from '../ui/link-button';
import { cardClass } from '../ui/styles';
import { WorkList } from '../worklist/work-list';
import { WORK_LIST_ROLES } from './main-nav';

/** The home of a signed-in, unlocked user: the work list, who they are and where to start. */
export function SignedInHome({ user }: { user: CurrentUser }) {
  const t = useT();
  return (
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
            {user.role === 'admin' ? <LinkButton href="/admin">{t('nav.admin')}</LinkButton> : null}
          </div>
        )}
        <SignOutButton />
      </section>
    </>
  );
}
