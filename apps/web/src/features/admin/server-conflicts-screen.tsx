'use client';

import { useId } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ResolveConflictResponse } from '@healthsync/contracts';
import type { SyncConflict } from '@healthsync/contracts';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { compareChanges } from '../conflicts/conflict-fields';
import { fieldLabel } from '../conflicts/field-label';
import { Button } from '../ui/button';
import { Loading } from '../ui/loading';
import { cardClass } from '../ui/styles';
import { useAdminApi } from './admin-api';
import { AdminScreen, ApiErrorNotice } from './admin-screen';
import { entityLabel } from './entity-label';
import { ADMIN_KEYS, useServerConflicts, useUsers } from './use-admin-data';

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
  const usernames = new Map((users.data ?? []).map((u) => [u.id, u.username]));
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
      api.post(ResolveConflictResponse, `/api/sync/conflicts/${conflict.id}/resolve/`, { action }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ADMIN_KEYS.conflicts });
      void queryClient.invalidateQueries({ queryKey: ADMIN_KEYS.devices });
      api.refreshLocal();
    },
  });
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
          {entityLabel(conflict.resource_type, t)} · {username}
        </h2>
        <p className="text-sm break-all text-slate-700">
          {formatDateTime(locale, conflict.created_at)} · {t('admin.devices.device')}:{' '}
          {conflict.device_id ?? '—'}
        </p>
      </div>
      <dl aria-label={t('admin.conflicts.compare')} className="flex flex-col gap-3">
        {fields.map((f) => (
          <div key={f.field} className={`rounded-lg p-2 ${f.both ? 'bg-amber-50' : 'bg-slate-50'}`}>
            <dt className="text-base font-semibold">{fieldLabel(f.field, t)}</dt>
            <dd className="mt-1 grid gap-2 sm:grid-cols-2">
              <div className="rounded-md border border-brand-600 bg-white p-2">
                <span className="block text-sm font-semibold text-brand-800">
                  {t('admin.conflicts.theirs', { name: username })}
                </span>
                <span className="block break-words">{f.mine}</span>
              </div>
              <div className="rounded-md border border-slate-400 bg-white p-2">
                <span className="block text-sm font-semibold text-slate-800">
                  {t('conflicts.server')}
                </span>
                <span className="block break-words">{f.server}</span>
              </div>
            </dd>
          </div>
        ))}
      </dl>
      <ApiErrorNotice error={resolve.error} />
      <div className="grid gap-2 sm:grid-cols-2">
        <Button onClick={() => resolve.mutate('reapply')} disabled={resolve.isPending}>
          {t('admin.conflicts.reapply')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => resolve.mutate('discard')}
          disabled={resolve.isPending}
        >
          {t('admin.conflicts.discard')}
        </Button>
      </div>
    </li>
  );
}
