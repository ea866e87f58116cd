/** One IndexedDB database per user, so two people sharing a phone never see each other's data. */
export function localStoreName(userId: string): string {
  return `healthsync-${userId}`;
}

export function deleteLocalStore(userId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(localStoreName(userId));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('deleteDatabase failed'));
    // Another tab still has it open: it closes on `versionchange`, then this succeeds.
    request.onblocked = () => undefined;
  });
}
