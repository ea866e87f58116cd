#!/usr/bin/env node
// @ts-check
// Serves the exported PWA (`out/`) and reverse-proxies the API, so the PWA and the API share one
// origin (no CORS, the service worker sees API calls). Fastify with @fastify/static,
// @fastify/reply-from, @fastify/helmet and @fastify/compress; the parts are in pwa-server/.
//
//   PORT / HOST      where to listen                          (default 3000 / 0.0.0.0)
//   API_URL          upstream for /api/*, /healthz, /readyz, /docs*   (default http://127.0.0.1:8000)
//   OUT_DIR          directory to serve                       (default ../out next to this script)
//   TRUST_PROXY      addresses/CIDRs of proxies in front of this server (default none)
//   TLS_CERT_FILE / TLS_KEY_FILE   serve HTTPS directly (PEM files)
//   LOG_LEVEL        pino level                               (default info)

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { buildPwaServer } from './pwa-server/build-pwa-server.mjs';
import { readPwaServerEnv } from './pwa-server/env.mjs';

/** In-flight requests (a long download, an open event stream) get this long at shutdown. */
const SHUTDOWN_GRACE_MS = 5000;

const config = readPwaServerEnv();
const indexFile = path.join(config.root, 'index.html');
if (!(await stat(indexFile).catch(() => null))?.isFile()) {
  console.error(
    `${indexFile} not found: build the app first (pnpm --filter @healthsync/web build).`,
  );
  process.exit(1);
}

const app = await buildPwaServer(config);
await app.listen({ port: config.port, host: config.host });
app.log.info(`HealthSync web: serving ${config.root} (API: ${config.apiUrl.href})`);

let closing = false;
function shutdown(/** @type {string} */ signal) {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: shutting down`);
  setTimeout(() => {
    app.server.closeAllConnections();
    process.exit(0);
  }, SHUTDOWN_GRACE_MS).unref();
  app.close().then(
    () => process.exit(0),
    (error) => {
      app.log.error(error);
      process.exit(1);
    },
  );
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
