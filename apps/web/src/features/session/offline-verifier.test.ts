import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser, TokenPair } from '@healthsync/contracts';
import {
  extendOfflineSignIn,
  forgetOfflineSignIn,
  idleLockMinutesOf,
  offlineStanding,
  rememberForOfflineSignIn,
} from './offline-verifier';

const USER: CurrentUser = {
  id: '0190a000-0000-7000-8000-000000000001',
  username: 'asha',
  display_name: 'Asha Devi',
  role: 'health_worker',
  facility_id: '0190a000-0000-7000-8000-000000000002',
  facility_name: 'PHC Gram',
  pharmacy_id: null,
  doctor_id: null,
};

/** The browser's localStorage, as the verifier sees it (the tests run in Node). */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const DAY_MS = 24 * 3600 * 1000;
const tokens = (days?: number, idle?: number): TokenPair => ({
  access: 'a',
  refresh: 'r',
  ...(days === undefined ? {} : { offline_sign_in_days: days }),
  ...(idle === undefined ? {} : { idle_lock_minutes: idle }),
});

let storage: ReturnType<typeof memoryStorage>;
beforeEach(() => {
  storage = memoryStorage();
  vi.stubGlobal('window', { localStorage: storage });
  vi.useFakeTimers({ now: new Date('2026-12-01T08:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('offline sign-in lifetime', () => {
  it('allows an offline sign-in for the days the server set, then refuses it', () => {
    rememberForOfflineSignIn(USER, tokens(3));
    expect(offlineStanding('asha')).toEqual({ user: USER, expired: false });
    vi.setSystemTime(Date.now() + 3 * DAY_MS - 1);
    expect(offlineStanding('asha')?.expired).toBe(false);
    vi.setSystemTime(Date.now() + 1);
    expect(offlineStanding('asha')?.expired).toBe(true);
  });

  it('defaults to 7 days and a 10-minute idle lock when the server names none', () => {
    rememberForOfflineSignIn(USER, tokens());
    expect(idleLockMinutesOf(USER.id)).toBe(10);
    vi.setSystemTime(Date.now() + 7 * DAY_MS - 1);
    expect(offlineStanding('asha')?.expired).toBe(false);
    vi.setSystemTime(Date.now() + 1);
    expect(offlineStanding('asha')?.expired).toBe(true);
  });

  it('starts the lifetime again at a successful refresh (an online contact)', () => {
    rememberForOfflineSignIn(USER, tokens(2, 5));
    vi.setSystemTime(Date.now() + 1.5 * DAY_MS);
    extendOfflineSignIn(USER.id, tokens(2, 5));
    vi.setSystemTime(Date.now() + 1.5 * DAY_MS);
    expect(offlineStanding('asha')?.expired).toBe(false);
    expect(idleLockMinutesOf(USER.id)).toBe(5);
  });

  it('keys users by their username as typed loosely, and keeps no password', () => {
    rememberForOfflineSignIn({ ...USER, username: ' Asha ' }, tokens());
    expect(offlineStanding('ASHA')?.user.id).toBe(USER.id);
    expect([...storage.items.values()].join('')).not.toMatch(/password|hash|salt/i);
  });

  it('forgets a user (revocation, sign-out), ignores storage it cannot read and old entries', () => {
    rememberForOfflineSignIn(USER, tokens());
    forgetOfflineSignIn(USER.id);
    expect(offlineStanding('asha')).toBeNull();
    storage.items.set('healthsync.offline-sign-in.v2', '{not json');
    expect(offlineStanding('asha')).toBeNull();
    // Before issue 16 an entry held a password hash and never expired: it no longer opens anything.
    storage.items.set('healthsync.offline-sign-in', JSON.stringify({ asha: { user: USER } }));
    expect(offlineStanding('asha')).toBeNull();
  });
});
