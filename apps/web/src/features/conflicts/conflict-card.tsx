'use client';

import { useId } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Resolution } from '@healthsync/sync-client';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { Button } from '../ui/button';
import { cardClass } from '../ui/styles';
import { compareFields } from './conflict-fields';
import type { ConflictRow } from './use-conflicts';
import { fieldLabel } from './field-label';

export function ConflictCard({ row }: { row: ConflictRow }) {
  const id = useId();
  const { t, locale } = useI18n();
  const client = useSyncClient();
  const notifySaved = useSavedNotice();
  const { conflict, subject } = row;
  const resolve = useMutation({
    networkMode: 'always',
    mutationFn: (resolution: Resolution) => {
      if (!client) throw new Error('No local store');
      return client.resolve(conflict.id, resolution);
    },
    onSuccess: (_data, resolution) => {
      if (resolution === 'reapply') notifySaved();
    },
  });
  const fields = compareFields(conflict);
  const title = `${t(`conflicts.table.${conflict.table}`)}${subject ? `: ${subject}` : ''}`;

  return (
    <li
      aria-labelledby={`${id}-title`}
      className={`${cardClass} flex flex-col gap-3`}
      data-testid="conflict"
    >
      <div>
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="text-sm text-slate-700">
          {conflict.kind === 'rejected' ? t('conflicts.rejected') : t('conflicts.serverNewer')} ·{' '}
          {formatDateTime(locale, conflict.createdAt)}
        </p>
      </div>
      {conflict.errors ? (
        <ul className="rounded-lg bg-red-50 px-3 py-2 text-base text-red-900">
          {Object.entries(conflict.errors).map(([field, message]) => (
            <li key={field}>
              {field}: {message}
            </li>
          ))}
        </ul>
      ) : null}
      <dl aria-label={t('conflicts.compare')} className="flex flex-col gap-3">
        {fields.map((f) => (
          <div key={f.field} className={`rounded-lg p-2 ${f.both ? 'bg-amber-50' : 'bg-slate-50'}`}>
            <dt className="text-base font-semibold">{fieldLabel(f.field, t)}</dt>
            <dd className="mt-1 grid gap-2 sm:grid-cols-2">
              <div className="rounded-md border border-brand-600 bg-white p-2">
                <span className="block text-sm font-semibold text-brand-800">
                  {t('conflicts.yours')}
                </span>
                <span className="block break-words" data-testid={`mine-${f.field}`}>
                  {f.mine}
                </span>
              </div>
              <div className="rounded-md border border-slate-400 bg-white p-2">
                <span className="block text-sm font-semibold text-slate-800">
                  {t('conflicts.server')}
                </span>
                <span className="block break-words" data-testid={`server-${f.field}`}>
                  {f.server}
                </span>
              </div>
            </dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-2 sm:grid-cols-2">
        <Button onClick={() => resolve.mutate('reapply')} disabled={resolve.isPending}>
          {t('conflicts.reapply')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => resolve.mutate('discard')}
          disabled={resolve.isPending}
        >
          {t('conflicts.discard')}
        </Button>
      </div>
    </li>
  );
}
