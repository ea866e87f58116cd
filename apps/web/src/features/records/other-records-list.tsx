'use client';

import type { HealthRecord } from '@healthsync/contracts';
import type { LocalRecord } from '@healthsync/sync-client';
import { recordTypeLabel } from '../i18n/code-labels';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { SyncBadge } from '../ui/sync-badge';

/** What the record is about, as its author wrote it (FHIR `code.text`); raw keys never show. */
function summaryOf(data: Record<string, unknown>): string | null {
  const code = data.code;
  return typeof code === 'object' &&
    code !== null &&
    'text' in code &&
    typeof code.text === 'string'
    ? code.text
    : null;
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
              <span className="block text-base font-semibold">
                {recordTypeLabel(record.resource_type, t)}
              </span>
              <span className="block text-sm text-slate-700">
                {[summaryOf(record.data), formatDateTime(locale, record.created_at)]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </span>
            <SyncBadge sync={record._sync} />
          </li>
        ))}
    </ul>
  );
}
