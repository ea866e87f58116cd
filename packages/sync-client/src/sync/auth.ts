import type { TokenPair } from '@healthsync/contracts';

/** Where the host app keeps the tokens (memory, IndexedDB, secure storage): its choice. */
export interface TokenStore {
  get(): Promise<TokenPair | null> | TokenPair | null;
  set(tokens: TokenPair): Promise<void> | void;
  clear(): Promise<void> | void;
}

/**
 * Exchanges a refresh token for a new pair. Resolves null when the server refused it (the user must
 * sign in again); throws on a network failure (try again later).
 */
export type TokenRefresher = (refresh: string) => Promise<TokenPair | null>;

export function memoryTokenStore(initial: TokenPair | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
    clear: () => {
      tokens = null;
    },
  };
}

/**
 * Runs `task` holding the named lock, exclusively across every client that shares this store and
 * these tokens (other tabs, a service worker): `navigator.locks.request` in a browser. Sync cycles
 * hold 'sync'; a token refresh holds 'refresh' and re-reads the stored pair inside it, because the
 * server revokes the whole token family when an already-rotated refresh token comes back.
 */
export type SyncLock = <T>(name: 'sync' | 'refresh', task: () => Promise<T>) => Promise<T>;

/** One client alone on its store and tokens. */
export const noLock: SyncLock = (_name, task) => task();
