'use client';

import { useEffect } from 'react';
import { useSession } from './session-provider';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
const CHECK_MS = 5_000;

/** Locks the app after the server's `idle_lock_minutes` without a touch or a key press. */
export function IdleLock() {
  const { user, keys, locked, lock } = useSession();
  const userId = user?.id ?? null;
  useEffect(() => {
    if (!userId || !keys || locked) return;
    // The limit is kept with the offline sign-in entry, whose module (and zod) loads after unlock.
    let limitMs = Infinity;
    void import('./offline-verifier').then(({ idleLockMinutesOf }) => {
      limitMs = idleLockMinutesOf(userId) * 60_000;
    });
    let last = Date.now();
    const touched = () => {
      last = Date.now();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touched, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= limitMs) lock();
    }, CHECK_MS);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, touched);
      clearInterval(timer);
    };
  }, [userId, keys, locked, lock]);
  return null;
}
