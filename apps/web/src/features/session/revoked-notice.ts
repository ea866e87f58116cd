/**
 * What the phone says after the server refused a refresh because the account was deactivated:
 * kept across reloads until that user signs in online again. Checked by hand, not with zod: the
 * shell reads it on every page load, and zod's code loads only when a screen needs it.
 */
export interface RevokedNotice {
  userId: string;
  /** Changes that were waiting on the device when its synced data was deleted. */
  pending: number;
}

const STORAGE_KEY = 'healthsync.revoked';

function isRevokedNotice(value: unknown): value is RevokedNotice {
  if (typeof value !== 'object' || value === null) return false;
  const { userId, pending } = value as Record<string, unknown>;
  return typeof userId === 'string' && Number.isSafeInteger(pending) && (pending as number) >= 0;
}

export function loadRevokedNotice(): RevokedNotice | null {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return isRevokedNotice(stored) ? { userId: stored.userId, pending: stored.pending } : null;
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
