import type { TokenStore } from '@healthsync/sync-client';
import { loadTokens, saveTokens } from './session-storage';

/** The sync client's tokens: `userId`'s stored session (refreshes rotate them there). */
export function sessionTokenStore(userId: string): TokenStore {
  return {
    get: () => loadTokens(userId),
    set: (tokens) => saveTokens(userId, tokens),
    clear: () => saveTokens(userId, null),
  };
}
