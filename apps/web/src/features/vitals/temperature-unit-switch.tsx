'use client';

import { useT } from '../i18n/i18n-provider';
import { SegmentedChoice } from '../ui/segmented-choice';
import { TEMPERATURE_UNITS } from './temperature';
import type { TemperatureUnit } from './temperature';
import { unitLabel } from './vital-signs';

/** °C | °F; the choice is the worker's thermometer, remembered per user. */
export function TemperatureUnitSwitch({
  unit,
  onChange,
}: {
  unit: TemperatureUnit;
  onChange(unit: TemperatureUnit): void;
}) {
  const t = useT();
  return (
    <SegmentedChoice
      legend={t('vitals.temperatureUnit')}
      name="temperature-unit"
      options={TEMPERATURE_UNITS}
      value={unit}
      labelOf={unitLabel}
      onChange={onChange}
    />
  );
}
