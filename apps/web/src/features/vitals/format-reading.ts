import { formatNumber } from '../i18n/format';
import type { Translate } from '../i18n/translate';
import type { VitalReading } from './read-observation';
import { fromCelsius, isTemperatureUnit, toCelsius } from './temperature';
import type { TemperatureUnit } from './temperature';
import { unitLabel } from './vital-signs';
import type { Interpretation } from './vital-flags';

/**
 * A reading's value as a person reads it: "128/84 mmHg", "94 %", a temperature in the reader's
 * thermometer unit whatever unit it was stored in ("99.1 °F", "37.3 °C").
 */
export function formatReadingValue(
  reading: VitalReading,
  temperatureUnit: TemperatureUnit,
): string {
  const number = (value: number | null, decimals = 2) =>
    value === null ? '–' : formatNumber(value, decimals);
  if (reading.kind === 'temperature' && isTemperatureUnit(reading.unit)) {
    const [value = null] = reading.values;
    const shown =
      value === null ? null : fromCelsius(toCelsius(value, reading.unit), temperatureUnit);
    return `${number(shown, 1)} ${unitLabel(temperatureUnit)}`;
  }
  if (reading.values.length === 0) return '';
  return `${reading.values.map((v) => number(v)).join('/')} ${unitLabel(reading.unit)}`.trim();
}

/** "Temperature: 37.2 °C" in the reader's language (the sender's label for a kind we do not know). */
export function formatReading(
  reading: VitalReading,
  t: Translate,
  temperatureUnit: TemperatureUnit,
): string {
  const label = reading.kind ? t(`vitals.${reading.kind}`) : reading.label;
  const value = formatReadingValue(reading, temperatureUnit);
  return value ? `${label}: ${value}` : label;
}

/** "High"; a blood pressure whose numbers differ: "Upper: High, lower: Normal"; "—" if unflagged. */
export function flagText(flags: (Interpretation | null)[], t: Translate): string {
  const words = flags.map((f) => (f ? t(`vitals.flag.${f}`) : null));
  if (words.length === 2 && words[0] !== words[1])
    return t('vitals.bpFlags', { systolic: words[0] ?? '—', diastolic: words[1] ?? '—' });
  return words[0] ?? '—';
}
