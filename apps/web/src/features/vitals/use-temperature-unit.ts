'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { useSession } from '../session/session-provider';
import { isTemperatureUnit } from './temperature';
import type { TemperatureUnit } from './temperature';

/** Each user's thermometer unit, on this phone (shared phones: one choice per person). */
const storageKey = (userId: string) => `healthsync.temperatureUnit.${userId}`;
const DEFAULT_UNIT: TemperatureUnit = 'Cel';

const listeners = new Set<() => void>();
/** The choice when storage is unavailable (private mode): kept until the page reloads. */
const unstored = new Map<string, TemperatureUnit>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function readUnit(userId: string | null): TemperatureUnit {
  if (!userId) return DEFAULT_UNIT;
  try {
    const stored = window.localStorage.getItem(storageKey(userId));
    return isTemperatureUnit(stored) ? stored : DEFAULT_UNIT;
  } catch {
    return unstored.get(userId) ?? DEFAULT_UNIT;
  }
}

/** The signed-in user's temperature unit (°C until they choose °F), and a setter that remembers it. */
export function useTemperatureUnit(): [TemperatureUnit, (unit: TemperatureUnit) => void] {
  const userId = useSession().user?.id ?? null;
  const unit = useSyncExternalStore(
    subscribe,
    () => readUnit(userId),
    () => DEFAULT_UNIT,
  );
  const setUnit = useCallback(
    (next: TemperatureUnit) => {
      if (!userId) return;
      try {
        window.localStorage.setItem(storageKey(userId), next);
      } catch {
        unstored.set(userId, next);
      }
      for (const listener of listeners) listener();
    },
    [userId],
  );
  return [unit, setUnit];
}
