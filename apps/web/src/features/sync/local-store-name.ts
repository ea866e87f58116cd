/** One IndexedDB database per user, so two people sharing a phone never see each other's data. */
export function localStoreName(userId: string): string {
  return `healthsync-sealed-${userId}`;
}

/** Where the user's data was kept in the clear before issue 16: copied once, then deleted. */
export function plainStoreName(userId: string): string {
  return `healthsync-${userId}`;
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('deleteDatabase failed'));
    // Another tab still has it open: it closes on `versionchange`, then this succeeds.
    request.onblocked = () => undefined;
  });
}

export async function deleteLocalStore(userId: string): Promise<void> {
  await Promise.all([
    deleteDatabase(localStoreName(userId)),
    deleteDatabase(plainStoreName(userId)),
  ]);
}
