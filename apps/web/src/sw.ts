/// <reference lib="webworker" />
/**
 * The service worker (bundled by scripts/build-sw.mjs, then workbox-build injects the manifest).
 * Every file of the static export is precached, so every route opens offline, also on a hard
 * reload. Query parameters are ignored when matching the precache: `/patients/view?id=…` is the
 * exported `/patients/view.html`, and Next's `*.txt?_rsc=…` navigation payloads are plain files.
 */
import './zod-without-eval'; // first: before any schema is built
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { runBackgroundSync } from './features/pwa/run-background-sync';
import { OUTBOX_SYNC_TAG } from './features/sync/background-sync-protocol';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (PrecacheEntry | string)[];
};
/** Set by scripts/build-sw.mjs: which deployment this worker belongs to. */
declare const __BUILD_ID__: string;
/** Background Sync (Chromium): not in TypeScript's lib. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : null;
  // The page accepted the "update available" prompt: take over now.
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  if (type === 'GET_VERSION') event.ports[0]?.postMessage(__BUILD_ID__);
});

// Edits queued offline reach the server when the connection returns, even with the app closed.
self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === OUTBOX_SYNC_TAG) sync.waitUntil(runBackgroundSync());
});

clientsClaim();
cleanupOutdatedCaches();

precacheAndRoute(self.__WB_MANIFEST, {
  ignoreURLParametersMatching: [/.*/],
  cleanURLs: true,
  directoryIndex: 'index.html',
});

const sameOrigin = (url: URL) => url.origin === self.location.origin;
const isApi = (url: URL) => /^\/(api|healthz|readyz|docs)(\/|$)/.test(url.pathname);

// Hashed build files that were not precached (e.g. from a newer deploy): immutable.
registerRoute(
  ({ url }) => sameOrigin(url) && url.pathname.startsWith('/_next/static/'),
  new CacheFirst({
    cacheName: 'static-assets',
    plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 60 * 60 * 24 * 365 })],
  }),
);

// Other same-origin images, fonts, styles and scripts: fast from cache, refreshed in the background.
registerRoute(
  ({ url, request }) =>
    sameOrigin(url) &&
    !isApi(url) &&
    ['image', 'font', 'style', 'script', 'manifest'].includes(request.destination),
  new StaleWhileRevalidate({
    cacheName: 'runtime-assets',
    plugins: [new ExpirationPlugin({ maxEntries: 100, maxAgeSeconds: 60 * 60 * 24 * 30 })],
  }),
);

// API calls are never cached here: the sync client owns data, offline included.
