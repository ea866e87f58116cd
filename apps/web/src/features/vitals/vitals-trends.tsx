'use client';

import { useMemo } from 'react';
import type { HealthRecord } from '@healthsync/contracts';
import type { LocalRecord } from '@healthsync/sync-client';
import { useI18n } from '../i18n/i18n-provider';
import { formatDateTime } from '../i18n/format';
import { flagText, formatReadingValue } from './format-reading';
import { readObservation } from './read-observation';
import { useTemperatureUnit } from './use-temperature-unit';
import { isAbnormal } from './vital-flags';
import { trendsOf } from './vital-trends';
import type { Trend, TrendPoint } from './vital-trends';
import { VitalsChart } from './vitals-chart';
import { unitLabel } from './vital-signs';

const abnormalCount = (points: TrendPoint[]) =>
  points.filter((p) => p.flags.some((f) => isAbnormal(f))).length;

function TrendFigure({ trend }: { trend: Trend }) {
  const { t, locale } = useI18n();
  const [temperatureUnit] = useTemperatureUnit();
  const vital = t(`vitals.${trend.kind}`);
  const newestFirst = [...trend.points].reverse();
  return (
    <figure className="flex flex-col gap-1" data-trend={trend.kind}>
      <figcaption className="text-base font-semibold">
        {vital} ({unitLabel(trend.unit)})
      </figcaption>
      <VitalsChart
        trend={trend}
        label={t('vitals.chartLabel', {
          vital,
          count: trend.points.length,
          abnormal: abnormalCount(trend.points),
        })}
      />
      <p className="text-sm text-slate-700">
        {trend.bands.length > 0 ? t('vitals.chartKey') : null}
        {trend.kind === 'bloodPressure' ? ` ${t('vitals.bpKey')}` : null}
      </p>
      {/* The wrapper is what hides it: a table grows to its content whatever width it is given. */}
      <div className="sr-only">
        <table>
          <caption>{t('vitals.tableCaption', { vital })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vitals.column.when')}</th>
              <th scope="col">{t('vitals.column.reading')}</th>
              <th scope="col">{t('vitals.column.flag')}</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((point, index) => (
              <tr key={`${point.at}-${index}`}>
                <th scope="row">{formatDateTime(locale, point.at)}</th>
                <td>{formatReadingValue(point.reading, temperatureUnit)}</td>
                <td>{flagText(point.flags, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** Charts of each vital over time, each with a table of its readings for screen readers. */
export function VitalsTrends({ observations }: { observations: LocalRecord<HealthRecord>[] }) {
  const { t } = useI18n();
  const [temperatureUnit] = useTemperatureUnit();
  const trends = useMemo(
    () =>
      trendsOf(
        observations.flatMap((record) => {
          const reading = readObservation(record.data);
          return reading ? [{ ...reading, effective: reading.effective ?? record.created_at }] : [];
        }),
        temperatureUnit,
      ),
    [observations, temperatureUnit],
  );
  if (trends.length === 0) return null;
  return (
    <div className="mb-4 flex flex-col gap-4">
      <h3 className="text-base font-semibold text-slate-800">{t('vitals.trends')}</h3>
      {trends.map((trend) => (
        <TrendFigure key={trend.kind} trend={trend} />
      ))}
    </div>
  );
}
