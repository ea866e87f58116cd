/**
 * Asks the browser not to evict this origin's storage (the outbox holds unsynced clinical work).
 * Chromium grants it to installed or often-used sites without a prompt; resolves to the outcome.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  try {
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
