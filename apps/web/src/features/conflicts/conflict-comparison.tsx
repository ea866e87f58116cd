'use client';

import type { Resolution } from '@healthsync/sync-client';
import { fieldLabel } from '../i18n/code-labels';
import { useI18n } from '../i18n/i18n-provider';
import { Button } from '../ui/button';
import { useTemperatureUnit } from '../vitals/use-temperature-unit';
import type { FieldComparison } from './conflict-fields';
import { formatFieldValue } from './field-value';
import type { Names } from './field-value';

/** One conflict's fields side by side: the edit's value and the server's; both-changed ones stand out. */
export function ConflictComparison({
  fields,
  names,
  label,
  mineHeading,
}: {
  fields: FieldComparison[];
  /** Names for the ids the fields hold (doctor_id → the doctor's name). */
  names: Names;
  label: string;
  /** Whose edit the left column is ("Yours", or a colleague's name for admins). */
  mineHeading: string;
}) {
  const { t, locale } = useI18n();
  const [temperatureUnit] = useTemperatureUnit();
  const show = (field: string, value: unknown) =>
    formatFieldValue(field, value, { t, locale, names, temperatureUnit });
  return (
    <dl aria-label={label} className="flex flex-col gap-3">
      {fields.map((f) => (
        <div key={f.field} className={`rounded-lg p-2 ${f.both ? 'bg-amber-50' : 'bg-slate-50'}`}>
          <dt className="text-base font-semibold">{fieldLabel(f.field, t)}</dt>
          <dd className="mt-1 grid gap-2 sm:grid-cols-2">
            <div className="rounded-md border border-brand-600 bg-white p-2">
              <span className="block text-sm font-semibold text-brand-800">{mineHeading}</span>
              <span className="block break-words" data-testid={`mine-${f.field}`}>
                {show(f.field, f.mine)}
              </span>
            </div>
            <div className="rounded-md border border-slate-400 bg-white p-2">
              <span className="block text-sm font-semibold text-slate-800">
                {t('conflicts.server')}
              </span>
              <span className="block break-words" data-testid={`server-${f.field}`}>
                {show(f.field, f.server)}
              </span>
            </div>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Re-apply the edit on top of the server's row, or discard it. */
export function ResolveButtons({
  onResolve,
  pending,
  reapplyLabel,
  discardLabel,
}: {
  onResolve: (resolution: Resolution) => void;
  pending: boolean;
  reapplyLabel: string;
  discardLabel: string;
}) {
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <Button onClick={() => onResolve('reapply')} disabled={pending}>
        {reapplyLabel}
      </Button>
      <Button variant="secondary" onClick={() => onResolve('discard')} disabled={pending}>
        {discardLabel}
      </Button>
    </div>
  );
}
