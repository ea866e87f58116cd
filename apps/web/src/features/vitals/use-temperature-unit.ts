'use client';

import { useUserChoice } from '../ui/use-user-choice';
import { isTemperatureUnit } from './temperature';
import type { TemperatureUnit } from './temperature';

/** The signed-in user's thermometer unit (°C until they choose °F), remembered on this phone. */
export function useTemperatureUnit(): [TemperatureUnit, (unit: TemperatureUnit) => void] {
  return useUserChoice('temperatureUnit', isTemperatureUnit, 'Cel');
}
