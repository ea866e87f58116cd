'use client';

import { useId } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Resolution } from '@healthsync/sync-client';
import { fieldLabel } from '../i18n/code-labels';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { useSavedNotice } from '../sync/saved-notice';
import { useSyncClient } from '../sync/sync-client-provider';
import { cardClass } from '../ui/styles';
import { ConflictComparison, ResolveButtons } from './conflict-comparison';
import { compareFields } from './conflict-fields';
import type { ConflictRow } from './use-conflicts';
import { useLocalNames } from './use-local-names';

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
  const names = useLocalNames([conflict.mine, conflict.server]);
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
              {fieldLabel(field, t)}: {message}
            </li>
          ))}
        </ul>
      ) : null}
      <ConflictComparison
        fields={fields}
        names={names}
        label={t('conflicts.compare')}
        mineHeading={t('conflicts.yours')}
      />
      <ResolveButtons
        onResolve={(resolution) => resolve.mutate(resolution)}
        pending={resolve.isPending}
        reapplyLabel={t('conflicts.reapply')}
        discardLabel={t('conflicts.discard')}
      />
    </li>
  );
}
