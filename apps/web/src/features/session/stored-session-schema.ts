import { CurrentUser, TokenPair } from '@healthsync/contracts';
import { z } from 'zod';
import type { StoredSession } from './session-storage';

/** The stored session as the contracts define its parts; session-storage.ts says when it is used. */
export const StoredSessionSchema = z.object({
  user: CurrentUser,
  tokens: TokenPair.nullable(),
}) satisfies z.ZodType<StoredSession>;

export function parseStoredSession(value: unknown): StoredSession | null {
  const parsed = StoredSessionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
