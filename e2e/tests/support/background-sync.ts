import { expect } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';

/** The Background Sync tag the app registers for its outbox (apps/web background-sync-protocol). */
export const OUTBOX_SYNC_TAG = 'healthsync-outbox';

/** The one-off syncs the page's service worker registration has pending. */
export function pendingSyncTags(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      sync: { getTags(): Promise<string[]> };
    };
    return registration.sync.getTags();
  });
}

/**
 * Fires the service worker's `sync` event as the browser does when the connection returns
 * (`context.setOffline(false)` does not). The DevTools session lives on a blank page, which is
 * no client of the app: every page of the app can be closed. Returns that page.
 */
export async function fireBackgroundSync(context: BrowserContext, origin: string): Promise<Page> {
  const blank = await context.newPage();
  const cdp = await context.newCDPSession(blank);
  const registrations = new Map<string, string>();
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
    for (const r of updated) {
      if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const scope = `${origin}/`;
  await expect
    .poll(() => registrations.has(scope), { message: `a worker for ${scope}` })
    .toBe(true);
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin,
    registrationId: registrations.get(scope) ?? '',
    tag: OUTBOX_SYNC_TAG,
    lastChance: false,
  });
  return blank;
}

/** Replaces the stored tokens (IndexedDB `healthsync-session`) with ones the API refuses. */
export function breakStoredTokens(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('healthsync-session');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('session', 'readwrite');
          const store = tx.objectStore('session');
          const read = store.get('current');
          read.onsuccess = () => {
            store.put(
              { ...read.result, tokens: { access: 'revoked', refresh: 'revoked' } },
              'current',
            );
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** From now on, every document of `page` counts the worker's requests to sync (SYNC_OUTBOX). */
export async function countSyncRequests(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counted = window as unknown as { syncRequests: number };
    counted.syncRequests = 0;
    navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === 'SYNC_OUTBOX')
        counted.syncRequests += 1;
    });
  });
}

export function syncRequests(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { syncRequests: number }).syncRequests);
}

/**
 * The tokens of the stored session, read from a static file's page of the app's origin (no app
 * code runs there, so nothing but the service worker can have changed them).
 */
export async function storedTokens(context: BrowserContext, origin: string): Promise<unknown> {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/icon.svg`);
    return await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('healthsync-session');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction('session').objectStore('session').get('current');
            read.onsuccess = () => {
              open.result.close();
              resolve((read.result as { tokens?: unknown } | undefined)?.tokens ?? null);
            };
            read.onerror = () => reject(read.error);
          };
        }),
    );
  } finally {
    await page.close();
  }
}
