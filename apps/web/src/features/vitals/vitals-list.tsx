'use client';

import type { HealthRecord } from '@healthsync/contracts';
import type { LocalRecord } from '@healthsync/sync-client';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { SyncBadge } from '../ui/sync-badge';
import { flagText, formatReading } from './format-reading';
import { readObservation } from './read-observation';
import { useTemperatureUnit } from './use-temperature-unit';
import { flagReading, isAbnormal } from './vital-flags';

export function VitalsList({ observations }: { observations: LocalRecord<HealthRecord>[] }) {
  const { t, locale } = useI18n();
  const [temperatureUnit] = useTemperatureUnit();
  const rows = observations
    .map((record) => ({ record, reading: readObservation(record.data) }))
    .filter((row) => row.reading !== null)
    .sort((a, b) =>
      (b.reading?.effective ?? b.record.created_at).localeCompare(
        a.reading?.effective ?? a.record.created_at,
      ),
    );
  if (rows.length === 0) return <p className="text-base text-slate-700">{t('vitals.none')}</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-200">
      {rows.map(({ record, reading }) =>
        reading ? (
          <li key={record.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="min-w-0">
              <span className="block text-base font-semibold">
                {formatReading(reading, t, temperatureUnit)}
                <FlagLabel flags={flagReading(reading)} />
              </span>
              <span className="block text-sm text-slate-700">
                {formatDateTime(locale, reading.effective ?? record.created_at)}
              </span>
            </span>
            <SyncBadge sync={record._sync} />
          </li>
        ) : null,
      )}
    </ul>
  );
}

/** The reading's flag in words (and colour), only when it is outside the normal range. */
function FlagLabel({ flags }: { flags: ReturnType<typeof flagReading> }) {
  const { t } = useI18n();
  if (!flags.some((f) => isAbnormal(f))) return null;
  return <span className="ml-2 text-red-800">⚠ {flagText(flags, t)}</span>;
}
