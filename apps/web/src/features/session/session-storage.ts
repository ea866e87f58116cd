import { CurrentUser, TokenPair } from '@healthsync/contracts';
import { z } from 'zod';

/**
 * The signed-in user, kept on the device so the app opens signed in with no connection.
 * `tokens` is null after an offline sign-in or an expired session: local work goes on, and the
 * sync client asks for a sign-in (`needsSignIn`) before it talks to the server again.
 *
 * Kept in IndexedDB, not localStorage: the service worker reads it to sync with no page open, and
 * renews the tokens there. Works in a window and in the worker.
 */
export const StoredSession = z.object({
  user: CurrentUser,
  tokens: TokenPair.nullable(),
});
export type StoredSession = z.infer<typeof StoredSession>;

const DB_NAME = 'healthsync-session';
const STORE = 'session';
const KEY = 'current';
/** Where earlier versions kept the session; moved to IndexedDB on first read. */
const LEGACY_KEY = 'healthsync.session';

/** Without IndexedDB (some private modes) the session lives for this page only. */
let memory: StoredSession | null = null;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openSessionDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

/** Runs `fn` in one transaction (a read-modify-write is atomic across the tabs and the worker). */
async function inTransaction<T>(
  mode: IDBTransactionMode,
  fn: (store: IDBObjectStore) => Promise<T>,
): Promise<T> {
  const db = await openSessionDb();
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    done.catch(() => undefined);
    const result = await fn(tx.objectStore(STORE));
    await done;
    return result;
  } finally {
    db.close();
  }
}

const parse = (value: unknown) => {
  const parsed = StoredSession.safeParse(value);
  return parsed.success ? parsed.data : null;
};

function readLegacySession(): StoredSession | null {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(LEGACY_KEY);
    return raw ? parse(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

export async function loadSession(): Promise<StoredSession | null> {
  try {
    const stored = parse(await inTransaction('readonly', (s) => request(s.get(KEY))));
    if (stored) return stored;
    const legacy = readLegacySession();
    if (legacy) {
      await inTransaction('readwrite', (s) => request(s.put(legacy, KEY)));
      localStorage.removeItem(LEGACY_KEY);
    }
    return legacy;
  } catch {
    return memory;
  }
}

export async function saveSession(session: StoredSession): Promise<void> {
  memory = session;
  try {
    await inTransaction('readwrite', (s) => request(s.put(session, KEY)));
  } catch {
    // Storage unavailable (private mode, quota): the session lives for this page only.
  }
}

export async function clearSession(): Promise<void> {
  memory = null;
  try {
    await inTransaction('readwrite', (s) => request(s.delete(KEY)));
  } catch {
    // Nothing stored.
  }
}

/** The tokens of `userId`'s session; null when someone else (or nobody) is signed in. */
export async function loadTokens(userId: string): Promise<TokenPair | null> {
  const session = await loadSession();
  return session?.user.id === userId ? session.tokens : null;
}

/**
 * Replaces the tokens of `userId`'s session, in one transaction. A renewal finishing after that
 * user signed out (in another tab, or while the worker synced) writes nothing.
 */
export async function saveTokens(userId: string, tokens: TokenPair | null): Promise<void> {
  if (memory?.user.id === userId) memory = { ...memory, tokens };
  try {
    await inTransaction('readwrite', async (s) => {
      const session = parse(await request(s.get(KEY)));
      if (session?.user.id === userId) await request(s.put({ ...session, tokens }, KEY));
    });
  } catch {
    // Storage unavailable: the in-memory session above is all there is.
  }
}
