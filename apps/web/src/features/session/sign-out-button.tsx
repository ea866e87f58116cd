'use client';

import { useId, useState } from 'react';
import { useT } from '../i18n/i18n-provider';
import { useSyncClient } from '../sync/sync-client-provider';
import { useSyncStatus } from '../sync/use-sync-status';
import { Button } from '../ui/button';
import { useSignOut } from './use-sign-out';

/**
 * Signs out at once when the server has everything; otherwise says how much would stay behind
 * on this device and offers to sync first.
 */
export function SignOutButton() {
  const id = useId();
  const t = useT();
  const client = useSyncClient();
  const status = useSyncStatus();
  const signOut = useSignOut();
  const [confirming, setConfirming] = useState(false);

  function onSignOut() {
    if (status && !status.safeToWipe) setConfirming(true);
    else void signOut();
  }

  if (!confirming) {
    return (
      <Button variant="secondary" onClick={onSignOut} className="w-full">
        {t('signOut.button')}
      </Button>
    );
  }
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className="flex flex-col gap-3 rounded-xl border border-amber-400 bg-amber-50 p-4"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold text-amber-950">
        {t('signOut.unsyncedTitle')}
      </h2>
      <p id={`${id}-body`} className="text-base text-amber-950">
        {t('signOut.unsyncedBody', {
          count: (status?.pendingCount ?? 0) + (status?.openConflicts ?? 0),
        })}
      </p>
      <Button onClick={() => void client?.syncNow()}>{t('sync.now')}</Button>
      <Button variant="danger" onClick={() => void signOut()}>
        {t('signOut.anyway')}
      </Button>
      <Button variant="secondary" onClick={() => setConfirming(false)}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}
