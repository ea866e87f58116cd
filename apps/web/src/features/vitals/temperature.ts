/**
 * Body temperature in the unit of the worker's thermometer. What is stored never depends on it:
 * Observations always carry degrees Celsius (UCUM `Cel`); °F (UCUM `[degF]`) is for entry and display.
 */
export const TEMPERATURE_UNITS = ['Cel', '[degF]'] as const;
export type TemperatureUnit = (typeof TEMPERATURE_UNITS)[number];

/** Plausible readings (typing slips, not clinical limits): 30–45 °C is 86–113 °F. */
export const TEMPERATURE_RANGES: Record<TemperatureUnit, { min: number; max: number }> = {
  Cel: { min: 30, max: 45 },
  '[degF]': { min: 86, max: 113 },
};

export function isTemperatureUnit(value: unknown): value is TemperatureUnit {
  return typeof value === 'string' && (TEMPERATURE_UNITS as readonly string[]).includes(value);
}

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/**
 * °C to store. Two decimals, so a °F reading comes back as typed (99.1 °F → 37.28 °C → 99.1 °F);
 * a thermometer's 0.1 °F step is 0.056 °C.
 */
export function toCelsius(value: number, unit: TemperatureUnit): number {
  return unit === 'Cel' ? value : round(((value - 32) * 5) / 9, 2);
}

/** A stored °C value in `unit`, unrounded (display rounds). */
export function fromCelsius(celsius: number, unit: TemperatureUnit): number {
  return unit === 'Cel' ? celsius : (celsius * 9) / 5 + 32;
}

/** `value` read in `from`, as a one-decimal reading in `to`. */
export function convertTemperature(
  value: number,
  from: TemperatureUnit,
  to: TemperatureUnit,
): number {
  return round(fromCelsius(toCelsius(value, from), to), 1);
}

export function otherTemperatureUnit(unit: TemperatureUnit): TemperatureUnit {
  return unit === 'Cel' ? '[degF]' : 'Cel';
}
