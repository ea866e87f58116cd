'use client';

import type { HealthRecord } from '@healthsync/contracts';
import type { LocalRecord } from '@healthsync/sync-client';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { SyncBadge } from '../ui/sync-badge';

function summaryOf(data: Record<string, unknown>): string {
  const code = data.code;
  if (
    typeof code === 'object' &&
    code !== null &&
    'text' in code &&
    typeof code.text === 'string'
  ) {
    return code.text;
  }
  const text = Object.entries(data)
    .filter(
      ([key, value]) =>
        key !== 'resourceType' && (typeof value === 'string' || typeof value === 'number'),
    )
    .slice(0, 3)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
  return text;
}

/** Records that are not vital signs (conditions, medication requests, free-form uploads). */
export function OtherRecordsList({ records }: { records: LocalRecord<HealthRecord>[] }) {
  const { t, locale } = useI18n();
  if (records.length === 0) return <p className="text-base text-slate-700">{t('records.none')}</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-200">
      {[...records]
        .sort((a, b) => b.created_at.localeCompare(a.created_at))
        .map((record) => (
          <li key={record.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="min-w-0 break-words">
              <span className="block text-base font-semibold">{record.resource_type}</span>
              <span className="block text-sm text-slate-700">
                {summaryOf(record.data)} · {formatDateTime(locale, record.created_at)}
              </span>
            </span>
            <SyncBadge sync={record._sync} />
          </li>
        ))}
    </ul>
  );
}
