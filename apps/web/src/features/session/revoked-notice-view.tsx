'use client';

import { useT } from '../i18n/i18n-provider';
import { useSession } from './session-provider';

/** After a deactivation: how many changes wait, encrypted, for the account to be re-enabled. */
export function RevokedNotice() {
  const t = useT();
  const { revoked } = useSession();
  if (!revoked) return null;
  return (
    <section
      role="alert"
      className="mb-4 flex flex-col gap-2 rounded-xl border border-amber-400 bg-amber-50 p-4 text-amber-950"
    >
      <h2 className="text-lg font-semibold">{t('revoked.title')}</h2>
      <p className="text-base" data-testid="revoked-pending">
        {t('revoked.body', { count: revoked.pending })}
      </p>
    </section>
  );
}
