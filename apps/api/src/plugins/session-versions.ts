import type { Db } from '../db/prisma';

/** NOTIFY channel of `app_user`'s trigger: the payload is a user whose sessions ended. */
export const SESSION_CHANNEL = 'healthsync_sessions';

/** A user's session version and whether the account may sign in at all. */
export type SessionState = { version: number; active: boolean };

/** No such user: no token version is ever current. */
const NO_USER: SessionState = { version: Number.MAX_SAFE_INTEGER, active: false };

export async function readSessionState(db: Db, userId: string): Promise<SessionState> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { active: true, sessionVersion: true },
  });
  return user ? { version: user.sessionVersion, active: user.active } : NO_USER;
}

/**
 * Session versions of recently seen users, so checking a token costs a map lookup. It is only as
 * fresh as the notifications its owner feeds it: `forget` for each ended session, `distrust` when
 * notifications may be missed (the listening connection is lost) and `trust` once listening again.
 * Each of them raises an epoch, and a database read that began before the raise does not fill the
 * cache: a request racing a revocation cannot put the old version back. Entries also expire after
 * `maxAgeMs`, which bounds the damage of a listening connection that died without an error.
 */
export class SessionVersionCache {
  readonly #entries = new Map<string, SessionState & { readAt: number }>();
  readonly #read: (userId: string) => Promise<SessionState>;
  readonly #options: { maxAgeMs: number; maxEntries: number; now?: () => number };
  #epoch = 0;
  #trusted = false;

  constructor(
    read: (userId: string) => Promise<SessionState>,
    options: { maxAgeMs: number; maxEntries: number; now?: () => number },
  ) {
    this.#read = read;
    this.#options = options;
  }

  /** Whether an access token of this session version may still be used. */
  async isCurrent(userId: string, tokenVersion: number): Promise<boolean> {
    let state: SessionState | undefined = this.#fresh(userId);
    // A token newer than what is cached was issued after a change this instance has not heard of.
    if (!state || tokenVersion > state.version) state = await this.#load(userId);
    return state.active && tokenVersion === state.version;
  }

  forget(userId: string): void {
    this.#epoch += 1;
    this.#entries.delete(userId);
  }

  trust(): void {
    this.#epoch += 1;
    this.#entries.clear();
    this.#trusted = true;
  }

  distrust(): void {
    this.#epoch += 1;
    this.#entries.clear();
    this.#trusted = false;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #fresh(userId: string): SessionState | undefined {
    const entry = this.#entries.get(userId);
    if (entry && this.#now() - entry.readAt < this.#options.maxAgeMs) return entry;
    return undefined;
  }

  async #load(userId: string): Promise<SessionState> {
    const epoch = this.#epoch;
    const readAt = this.#now();
    const state = await this.#read(userId);
    if (this.#trusted && epoch === this.#epoch) {
      if (this.#entries.size >= this.#options.maxEntries) this.#entries.clear();
      this.#entries.set(userId, { ...state, readAt });
    }
    return state;
  }
}
