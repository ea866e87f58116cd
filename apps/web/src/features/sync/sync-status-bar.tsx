'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { formatAgo } from '../i18n/format';
import { useSession } from '../session/session-provider';
import { ReauthenticateForm } from '../session/reauthenticate-form';
import { useSyncClient } from './sync-client-provider';
import { useSyncStatus } from './use-sync-status';
import { describeSyncError } from './describe-sync-error';
import { DownloadProgress } from './download-progress';

/** Re-renders every 30 s so "synced 3 minutes ago" stays true. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * Always visible while signed in: connection, changes waiting, last successful sync, errors,
 * open conflicts and a "sync now" button. Re-authentication appears here when the server wants it.
 */
export function SyncStatusBar() {
  const { user } = useSession();
  const { t, locale } = useI18n();
  const client = useSyncClient();
  const status = useSyncStatus();
  const now = useNow();
  const [reauthOpen, setReauthOpen] = useState(false);

  if (!user) return null;
  const online = status?.online ?? true;
  const syncing = status !== null && status.phase !== 'idle';
  const lastSync = status?.lastSuccessfulSyncAt ?? null;
  const error = status?.lastError ?? null;

  return (
    <section
      aria-label={t('sync.region')}
      className="sticky top-0 z-10 border-b border-slate-300 bg-white/95 backdrop-blur print:hidden"
    >
      <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 py-1 text-sm">
        <div className="flex min-w-0 flex-1 flex-col">
          <p className="flex flex-wrap items-center gap-x-3">
            <span
              data-testid="connection"
              data-online={online}
              className={`inline-flex items-center gap-1.5 font-semibold ${online ? 'text-emerald-800' : 'text-amber-900'}`}
            >
              <span
                aria-hidden="true"
                className={`size-2.5 rounded-full ${online ? 'bg-emerald-600' : 'bg-amber-600'}`}
              />
              {online ? t('sync.online') : t('sync.offline')}
            </span>
            <span
              data-testid="pending-count"
              data-count={status?.pendingCount ?? 0}
              data-client={client ? 'open' : 'none'}
            >
              {t('sync.pending', { count: status?.pendingCount ?? 0 })}
            </span>
          </p>
          <p className="flex flex-wrap items-center gap-x-3">
            <span data-testid="last-sync" className="text-slate-700">
              {syncing ? (
                status.progress ? (
                  <DownloadProgress progress={status.progress} />
                ) : (
                  t('sync.syncing')
                )
              ) : lastSync ? (
                t('sync.lastSync', {
                  ago: formatAgo(locale, lastSync, Math.max(now, lastSync)),
                })
              ) : (
                t('sync.neverSynced')
              )}
            </span>
            {status && status.openConflicts > 0 ? (
              <Link
                href="/conflicts"
                prefetch={false}
                data-testid="conflict-count"
                className="inline-flex min-h-11 items-center font-semibold text-red-800 underline underline-offset-4"
              >
                {t('sync.conflicts', { count: status.openConflicts })}
              </Link>
            ) : null}
          </p>
        </div>
        <button
          type="button"
          onClick={() => void client?.syncNow()}
          disabled={!client || syncing}
          className="inline-flex min-h-11 min-w-11 shrink-0 items-center rounded-lg border border-brand-700 px-3 font-semibold text-brand-800 hover:bg-brand-50 disabled:opacity-60"
        >
          {t('sync.now')}
        </button>
      </div>
      {status?.needsSignIn ? (
        <div className="mx-auto max-w-3xl px-4 pb-2">
          <div role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-base text-amber-950">
            <p>{t('sync.needsSignIn')}</p>
            {reauthOpen ? (
              <ReauthenticateForm onDone={() => setReauthOpen(false)} />
            ) : (
              <button
                type="button"
                onClick={() => setReauthOpen(true)}
                className="mt-1 inline-flex min-h-11 items-center font-semibold text-brand-800 underline underline-offset-4"
              >
                {t('sync.signInAgain')}
              </button>
            )}
          </div>
        </div>
      ) : error && !status?.needsSignIn && online ? (
        <p data-testid="sync-error" className="mx-auto max-w-3xl px-4 pb-2 text-sm text-red-800">
          {describeSyncError(error, t)}
        </p>
      ) : null}
    </section>
  );
}
