import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '@healthsync/contracts';
import { forgetOfflineSignIn, rememberForOfflineSignIn, verifyOffline } from './offline-verifier';

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

let storage: ReturnType<typeof memoryStorage>;
beforeEach(() => {
  storage = memoryStorage();
  vi.stubGlobal('window', { localStorage: storage });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('offline sign-in verifier', () => {
  it('lets the same password in again with no server, and no other password', async () => {
    await rememberForOfflineSignIn('asha', 'correct horse', USER);
    expect(await verifyOffline('asha', 'correct horse')).toEqual(USER);
    expect(await verifyOffline('asha', 'correct hors')).toBeNull();
    expect(await verifyOffline('ravi', 'correct horse')).toBeNull();
  });

  it('keys users by their username as typed loosely (case, spaces)', async () => {
    await rememberForOfflineSignIn(' Asha ', 'pw-1', USER);
    expect(await verifyOffline('ASHA', 'pw-1')).toEqual(USER);
  });

  it('stores a salted hash, never the password', async () => {
    await rememberForOfflineSignIn('asha', 'correct horse', USER);
    const stored = [...storage.items.values()].join('');
    expect(stored).not.toContain('correct horse');
    const first = JSON.parse(stored) as Record<string, { salt: string; hash: string }>;
    await rememberForOfflineSignIn('asha', 'correct horse', USER);
    const second = JSON.parse([...storage.items.values()].join('')) as typeof first;
    expect(second.asha?.salt).not.toBe(first.asha?.salt);
    expect(second.asha?.hash).not.toBe(first.asha?.hash);
  });

  it('forgets a user on sign-out, and ignores storage it cannot read', async () => {
    await rememberForOfflineSignIn('asha', 'pw', USER);
    forgetOfflineSignIn('asha');
    expect(await verifyOffline('asha', 'pw')).toBeNull();
    storage.items.set('healthsync.offline-sign-in', '{not json');
    expect(await verifyOffline('asha', 'pw')).toBeNull();
  });
});
