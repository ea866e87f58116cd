'use client';

import { useT } from '../i18n/i18n-provider';
import { LinkButton } from '../ui/link-button';
import { Loading } from '../ui/loading';
import { cardClass } from '../ui/styles';
import { useQueryParam } from '../ui/use-query-param';
import { AdminScreen, ApiErrorNotice } from './admin-screen';
import { useFacilities, useUsers } from './use-admin-data';

export function UsersScreen() {
  const t = useT();
  return (
    <AdminScreen
      title={t('admin.users')}
      actions={
        <LinkButton href="/admin/users/new" variant="primary">
          {t('admin.users.new')}
        </LinkButton>
      }
    >
      <UserList />
    </AdminScreen>
  );
}

function UserList() {
  const t = useT();
  const saved = useQueryParam('saved');
  const users = useUsers();
  const facilities = useFacilities();
  if (users.error) return <ApiErrorNotice error={users.error} />;
  if (!users.data) return <Loading />;
  const facilityName = new Map((facilities.data ?? []).map((f) => [f.id, f.name]));
  return (
    <div className="flex flex-col gap-3">
      {saved ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-3 text-base text-emerald-900">
          {t('admin.users.saved', { name: saved })}
        </p>
      ) : null}
      <p className="text-base text-slate-700">
        {t('admin.users.count', { count: users.data.length })}
      </p>
      <ul className="flex flex-col gap-3" aria-label={t('admin.users')}>
        {users.data.map((user) => (
          <li
            key={user.id}
            data-testid="admin-user"
            data-username={user.username}
            className={`${cardClass} flex flex-wrap items-center justify-between gap-3`}
          >
            <div className="min-w-0">
              <p className="text-lg font-semibold break-words">
                {user.display_name ?? user.username}
              </p>
              <p className="text-base break-words text-slate-700">
                {user.username} · {t(`role.${user.role}`)} ·{' '}
                {facilityName.get(user.facility_id) ?? '—'}
              </p>
              {!user.active ? (
                <span className="mt-1 inline-flex rounded-full bg-slate-200 px-2 py-0.5 text-sm font-semibold text-slate-900">
                  {t('admin.users.inactive')}
                </span>
              ) : null}
            </div>
            <LinkButton
              href={`/admin/users/edit?id=${user.id}`}
              aria-label={t('admin.users.editNamed', { name: user.username })}
            >
              {t('admin.users.edit')}
            </LinkButton>
          </li>
        ))}
      </ul>
    </div>
  );
}
