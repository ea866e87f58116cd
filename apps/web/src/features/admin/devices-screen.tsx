'use client';

import { useState } from 'react';
import type { DeviceHealth } from '@healthsync/contracts';
import { useI18n } from '../i18n/i18n-provider';
import { formatAgo, formatDateTime, formatNumber } from '../i18n/format';
import { Button } from '../ui/button';
import { Loading } from '../ui/loading';
import { cardClass } from '../ui/styles';
import { AdminScreen, ApiErrorNotice } from './admin-screen';
import { useDevices, useUsers } from './use-admin-data';
import { userName } from './use-admin-names';

/** A device not seen for longer than this needs a look (a lost phone, a worker out of range). */
export const STALE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

export function DevicesScreen() {
  const { t } = useI18n();
  return (
    <AdminScreen title={t('admin.devices')}>
      <DeviceList />
    </AdminScreen>
  );
}

function DeviceList() {
  const { t } = useI18n();
  const devices = useDevices();
  // Fixed when the list arrives, so rendering stays pure.
  const [now] = useState(() => Date.now());
  if (devices.error) return <ApiErrorNotice error={devices.error} />;
  if (!devices.data) return <Loading />;
  const needsLook = devices.data.filter(
    (d) => now - Date.parse(d.last_seen_at) > STALE_AFTER_MS || d.changes_rejected > 0,
  ).length;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-base text-slate-700">{t('admin.devices.explain')}</p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-base font-medium">
          {t('admin.devices.summary', { count: devices.data.length, attention: needsLook })}
        </p>
        <Button
          variant="secondary"
          onClick={() => void devices.refetch()}
          disabled={devices.isFetching}
        >
          {t('admin.refresh')}
        </Button>
      </div>
      {devices.data.length === 0 ? (
        <p className="rounded-lg bg-white px-3 py-4 text-base">{t('admin.devices.none')}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t('admin.devices')}>
          {devices.data.map((device) => (
            <DeviceCard key={`${device.user_id}|${device.device_id}`} device={device} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}

function DeviceCard({ device, now }: { device: DeviceHealth; now: number }) {
  const { t, locale } = useI18n();
  const users = useUsers();
  const user = (users.data ?? []).find((u) => u.id === device.user_id);
  const stale = now - Date.parse(device.last_seen_at) > STALE_AFTER_MS;
  const rejected = device.changes_rejected > 0;
  const when = (value: string | null) =>
    value ? `${formatAgo(locale, Date.parse(value), now)} (${formatDateTime(locale, value)})` : '—';
  return (
    <li
      data-testid="device"
      data-device-id={device.device_id}
      data-username={device.username}
      className={`${cardClass} flex flex-col gap-2 ${
        rejected ? 'border-red-400' : stale ? 'border-amber-400' : ''
      }`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold break-words">
          {user ? userName(user) : device.username}
        </h2>
        {stale ? (
          <span className="inline-flex rounded-full bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-900">
            {t('admin.devices.stale')}
          </span>
        ) : null}
        {rejected ? (
          <span className="inline-flex rounded-full bg-red-100 px-2 py-0.5 text-sm font-semibold text-red-900">
            {t('admin.devices.hasRejections')}
          </span>
        ) : null}
      </div>
      <p className="text-sm break-all text-slate-700">
        {t('admin.devices.device')}: {device.device_id}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
        <dt className="text-slate-700">{t('admin.devices.lastSeen')}</dt>
        <dd>{when(device.last_seen_at)}</dd>
        <dt className="text-slate-700">{t('admin.devices.lastPush')}</dt>
        <dd>{when(device.last_push_at)}</dd>
        <dt className="text-slate-700">{t('admin.devices.lastPull')}</dt>
        <dd>{when(device.last_pull_at)}</dd>
        <dt className="text-slate-700">{t('admin.devices.batches')}</dt>
        <dd>{formatNumber(device.batches)}</dd>
        <dt className="text-slate-700">{t('admin.devices.pushed')}</dt>
        <dd>{formatNumber(device.changes_pushed)}</dd>
        <dt className="text-slate-700">{t('admin.devices.rejected')}</dt>
        <dd className={rejected ? 'font-semibold text-red-800' : ''}>
          {formatNumber(device.changes_rejected)}
        </dd>
        <dt className="text-slate-700">{t('admin.devices.openConflicts')}</dt>
        <dd>{formatNumber(device.open_conflicts)}</dd>
      </dl>
    </li>
  );
}
