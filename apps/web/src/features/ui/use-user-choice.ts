'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { useSession } from '../session/session-provider';

const listeners = new Set<() => void>();
/** Choices made when storage is unavailable (private mode): kept until the page reloads. */
const unstored = new Map<string, string>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/**
 * A setting each user chooses on this phone (shared phones: one choice per person), remembered
 * in localStorage as `healthsync.<name>.<userId>`; `fallback` until they choose.
 */
export function useUserChoice<T extends string>(
  name: string,
  isChoice: (value: unknown) => value is T,
  fallback: T,
): [T, (value: T) => void] {
  const userId = useSession().user?.id ?? null;
  const key = userId ? `healthsync.${name}.${userId}` : null;
  const read = (): T => {
    if (!key) return fallback;
    try {
      const stored = window.localStorage.getItem(key);
      return isChoice(stored) ? stored : fallback;
    } catch {
      const kept = unstored.get(key);
      return isChoice(kept) ? kept : fallback;
    }
  };
  const value = useSyncExternalStore(subscribe, read, () => fallback);
  const choose = useCallback(
    (next: T) => {
      if (!key) return;
      try {
        window.localStorage.setItem(key, next);
      } catch {
        unstored.set(key, next);
      }
      for (const listener of listeners) listener();
    },
    [key],
  );
  return [value, choose];
}
