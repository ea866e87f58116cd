'use client';

import { useT } from '../i18n/i18n-provider';
import { TEMPERATURE_UNITS } from './temperature';
import type { TemperatureUnit } from './temperature';
import { unitLabel } from './vital-signs';

/** °C | °F, as two large radio buttons; the choice is the worker's thermometer, remembered per user. */
export function TemperatureUnitSwitch({
  unit,
  onChange,
}: {
  unit: TemperatureUnit;
  onChange(unit: TemperatureUnit): void;
}) {
  const t = useT();
  return (
    <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <legend className="float-left mr-1 text-base font-medium text-slate-900">
        {t('vitals.temperatureUnit')}
      </legend>
      <div className="inline-flex overflow-hidden rounded-lg border border-slate-500">
        {TEMPERATURE_UNITS.map((option) => (
          <label
            key={option}
            className="inline-flex min-h-11 min-w-14 cursor-pointer items-center justify-center px-3 text-base font-semibold text-slate-900 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-brand-600"
          >
            <input
              type="radio"
              name="temperature-unit"
              value={option}
              checked={unit === option}
              onChange={() => onChange(option)}
              className="sr-only"
            />
            {unitLabel(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
