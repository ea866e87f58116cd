'use client';

import { useId } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SYNC_ENDPOINTS } from '@healthsync/contracts';
import type { SyncConflict } from '@healthsync/contracts';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { ConflictComparison, ResolveButtons } from '../conflicts/conflict-comparison';
import { compareChanges } from '../conflicts/conflict-fields';
import { Loading } from '../ui/loading';
import { cardClass } from '../ui/styles';
import { useAdminApi } from './admin-api';
import { AdminScreen, ApiErrorNotice } from './admin-screen';
import { entityLabel } from './entity-label';
import { ADMIN_KEYS, useServerConflicts, useUsers } from './use-admin-data';
import { subjectOf, useAdminNames, userName } from './use-admin-names';

export function ServerConflictsScreen() {
  const { t } = useI18n();
  return (
    <AdminScreen title={t('admin.conflicts')}>
      <ConflictList />
    </AdminScreen>
  );
}

function ConflictList() {
  const { t } = useI18n();
  const conflicts = useServerConflicts();
  const users = useUsers();
  if (conflicts.error) return <ApiErrorNotice error={conflicts.error} />;
  if (!conflicts.data) return <Loading />;
  const usernames = new Map((users.data ?? []).map((u) => [u.id, userName(u)]));
  return (
    <div className="flex flex-col gap-3">
      <p className="text-base text-slate-700">{t('admin.conflicts.explain')}</p>
      {conflicts.data.length === 0 ? (
        <p className="rounded-lg bg-white px-3 py-4 text-base">{t('admin.conflicts.none')}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {conflicts.data.map((conflict) => (
            <ServerConflictCard
              key={conflict.id}
              conflict={conflict}
              username={usernames.get(conflict.user_id) ?? conflict.user_id}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function ServerConflictCard({ conflict, username }: { conflict: SyncConflict; username: string }) {
  const id = useId();
  const { t, locale } = useI18n();
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const resolve = useMutation({
    mutationFn: (action: 'reapply' | 'discard') =>
      api.call(SYNC_ENDPOINTS.resolveConflict, { params: { id: conflict.id }, body: { action } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ADMIN_KEYS.conflicts });
      void queryClient.invalidateQueries({ queryKey: ADMIN_KEYS.devices });
      api.refreshLocal();
    },
  });
  const names = useAdminNames([conflict.client_changes, conflict.server_row]);
  const subject =
    subjectOf(conflict.server_row, names) ?? subjectOf(conflict.client_changes, names);
  const fields = compareChanges({
    mine: conflict.client_changes,
    server: conflict.server_row,
    mineChanged: conflict.client_changed_fields,
    serverChanged: conflict.server_changed_fields,
  });
  return (
    <li
      aria-labelledby={`${id}-title`}
      className={`${cardClass} flex flex-col gap-3`}
      data-testid="admin-conflict"
    >
      <div>
        <h2 id={`${id}-title`} className="text-lg font-semibold break-words">
          {entityLabel(conflict.resource_type, t)}
          {subject ? `: ${subject}` : ''} · {username}
        </h2>
        <p className="text-sm break-all text-slate-700">
          {formatDateTime(locale, conflict.created_at)} · {t('admin.devices.device')}:{' '}
          {conflict.device_id ?? '—'}
        </p>
      </div>
      <ConflictComparison
        fields={fields}
        names={names}
        label={t('admin.conflicts.compare')}
        mineHeading={t('admin.conflicts.theirs', { name: username })}
      />
      <ApiErrorNotice error={resolve.error} />
      <ResolveButtons
        onResolve={(resolution) => resolve.mutate(resolution)}
        pending={resolve.isPending}
        reapplyLabel={t('admin.conflicts.reapply')}
        discardLabel={t('admin.conflicts.discard')}
      />
    </li>
  );
}
