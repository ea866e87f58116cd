import type { CurrentUser, TokenPair } from '@healthsync/contracts';

/**
 * The signed-in user, kept on the device so the app opens signed in with no connection.
 * `tokens` is null after an offline sign-in or an expired session: local work goes on, and the
 * sync client asks for a sign-in (`needsSignIn`) before it talks to the server again.
 *
 * Kept in IndexedDB, not localStorage: the service worker reads it to sync with no page open, and
 * renews the tokens there. Works in a window and in the worker.
 */
export interface StoredSession {
  user: CurrentUser;
  tokens: TokenPair | null;
}

/**
 * The shape of the stored record, as a number. A record of this format was written by this app
 * from answers it had checked, and is read as it is: every page load reads the session, and zod's
 * code is not part of that load (docs/ARCHITECTURE.md, "The PWA's first load"). Any other record
 * (an earlier app's; format 1 was the record without a number) is checked with the schema once and
 * written again in this format. Raise it whenever StoredSession changes shape:
 * stored-session-schema.test.ts fails until it is.
 */
export const SESSION_FORMAT = 2;
type SessionRecord = StoredSession & { format: typeof SESSION_FORMAT };

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

const toRecord = ({ user, tokens }: StoredSession): SessionRecord => ({
  format: SESSION_FORMAT,
  user,
  tokens,
});

const isCurrentFormat = (value: unknown): value is SessionRecord =>
  typeof value === 'object' &&
  value !== null &&
  'format' in value &&
  value.format === SESSION_FORMAT;

/** A record of an earlier format, checked with the schema (loaded only for it); null if it fails. */
async function parseOlderFormat(value: unknown): Promise<StoredSession | null> {
  if (value === undefined || value === null) return null;
  const { parseStoredSession } = await import('./stored-session-schema');
  return parseStoredSession(value);
}

async function readLegacySession(): Promise<StoredSession | null> {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(LEGACY_KEY);
    return raw ? await parseOlderFormat(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

export async function loadSession(): Promise<StoredSession | null> {
  try {
    const stored: unknown = await inTransaction('readonly', (s) => request(s.get(KEY)));
    if (isCurrentFormat(stored)) return { user: stored.user, tokens: stored.tokens };
    const older = await parseOlderFormat(stored);
    const legacy = older ? null : await readLegacySession();
    const session = older ?? legacy;
    if (session) await inTransaction('readwrite', (s) => request(s.put(toRecord(session), KEY)));
    if (legacy) localStorage.removeItem(LEGACY_KEY);
    return session;
  } catch {
    return memory;
  }
}

export async function saveSession(session: StoredSession): Promise<void> {
  memory = session;
  try {
    await inTransaction('readwrite', (s) => request(s.put(toRecord(session), KEY)));
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
      const stored: unknown = await request(s.get(KEY));
      if (isCurrentFormat(stored) && stored.user.id === userId)
        await request(s.put(toRecord({ user: stored.user, tokens }), KEY));
    });
  } catch {
    // Storage unavailable: the in-memory session above is all there is.
  }
}
