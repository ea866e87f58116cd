import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearSession,
  loadSession,
  loadTokens,
  saveSession,
  saveTokens,
  SESSION_FORMAT,
} from './session-storage';

const user = {
  id: '6f1c2b1e-8a4b-4f3e-9a55-0d1f3a9e7c11',
  username: 'asha',
  display_name: 'Asha Devi',
  role: 'health_worker' as const,
  facility_id: '0b7e7f0a-3c55-4e0e-9d6b-2a1e5f6c7d88',
  facility_name: 'Rampur PHC',
  pharmacy_id: null,
  doctor_id: null,
};
const tokens = { access: 'a1', refresh: 'r1', offline_sign_in_days: 7 };

/** The record as IndexedDB holds it. */
function readRecord(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('healthsync-session', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('session').objectStore('session').get('current');
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result);
      };
    };
  });
}

/** Writes the record as an earlier app did (no format number). */
async function writeRecord(record: unknown): Promise<void> {
  await saveSession({ user, tokens }); // creates the database
  await new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('healthsync-session', 1);
    open.onsuccess = () => {
      const tx = open.result.transaction('session', 'readwrite');
      tx.objectStore('session').put(record, 'current');
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

afterEach(clearSession);

describe('the stored session', () => {
  it('is kept with its format and read back as it was saved', async () => {
    await saveSession({ user, tokens });
    expect(await readRecord()).toEqual({ format: SESSION_FORMAT, user, tokens });
    expect(await loadSession()).toEqual({ user, tokens });
  });

  it('of an earlier app is checked with the schema once and written again in this format', async () => {
    await writeRecord({ user, tokens: null });
    expect(await loadSession()).toEqual({ user, tokens: null });
    expect(await readRecord()).toEqual({ format: SESSION_FORMAT, user, tokens: null });
  });

  it('of an earlier app that the schema refuses is no session', async () => {
    const { facility_name: _dropped, ...older } = user;
    await writeRecord({ user: older, tokens });
    expect(await loadSession()).toBeNull();
    await writeRecord({ format: SESSION_FORMAT + 1, user, tokens: 'not a pair' });
    expect(await loadSession()).toBeNull();
  });

  it('takes new tokens only for the user it holds', async () => {
    await saveSession({ user, tokens });
    const next = { access: 'a2', refresh: 'r2' };
    await saveTokens('someone-else', next);
    expect(await loadTokens(user.id)).toEqual(tokens);
    await saveTokens(user.id, next);
    expect(await loadTokens(user.id)).toEqual(next);
    expect(await readRecord()).toEqual({ format: SESSION_FORMAT, user, tokens: next });
  });
});
