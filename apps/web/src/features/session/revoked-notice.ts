import { z } from 'zod';

/**
 * What the phone says after the server refused a refresh because the account was deactivated:
 * kept across reloads until that user signs in online again.
 */
const Notice = z.object({ userId: z.string(), pending: z.int().nonnegative() });
export type RevokedNotice = z.infer<typeof Notice>;

const STORAGE_KEY = 'healthsync.revoked';

export function loadRevokedNotice(): RevokedNotice | null {
  try {
    const parsed = Notice.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveRevokedNotice(notice: RevokedNotice | null): void {
  try {
    if (notice) localStorage.setItem(STORAGE_KEY, JSON.stringify(notice));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable: the notice lives for this page only.
  }
}
