#!/usr/bin/env node
// Static server for the exported PWA (`out/`) that also reverse-proxies the API, so the PWA and
// the API share one origin (no CORS, the service worker sees API calls, cookies stay first-party).
// Dependency-free: node:http only.
//
//   PORT     port to listen on                 (default 3000)
//   HOST     address to bind                   (default 0.0.0.0)
//   API_URL  upstream for /api/*, /healthz, /readyz, /docs*   (default http://127.0.0.1:8000)
//   OUT_DIR  directory to serve                (default ../out next to this script)

import { Buffer } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.env.OUT_DIR ?? path.join(scriptDir, '..', 'out'));
const port = Number.parseInt(process.env.PORT ?? '3000', 10);
const host = process.env.HOST ?? '0.0.0.0';
const apiUrl = new URL(process.env.API_URL ?? 'http://127.0.0.1:8000');
const apiBasePath = apiUrl.pathname.replace(/\/+$/, '');
const apiAgentModule = apiUrl.protocol === 'https:' ? https : http;
const apiAgent = new apiAgentModule.Agent({ keepAlive: true });

const PROXIED = /^\/(?:api(?:\/|$)|healthz$|readyz$|docs(?:\/|$))/;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  // Next's static export stores RSC payloads as .txt and expects text/plain for them.
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.webmanifest',
  '.txt',
  '.xml',
  '.svg',
]);

// Hop-by-hop headers (RFC 9110 §7.6.1) are per connection and must not be forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardableHeaders(headers) {
  const listed = String(headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

function proxy(req, res) {
  const headers = forwardableHeaders(req.headers);
  const remote = req.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${remote}`
    : remote;
  headers['x-forwarded-host'] ??= req.headers.host ?? '';
  headers['x-forwarded-proto'] ??= req.socket.encrypted ? 'https' : 'http';
  headers.host = apiUrl.host;

  const upstream = apiAgentModule.request(
    {
      protocol: apiUrl.protocol,
      hostname: apiUrl.hostname,
      port: apiUrl.port,
      method: req.method,
      path: apiBasePath + req.url,
      headers,
      agent: apiAgent,
    },
    (upstreamRes) => {
      res.writeHead(
        upstreamRes.statusCode ?? 502,
        upstreamRes.statusMessage,
        forwardableHeaders(upstreamRes.headers),
      );
      upstreamRes.pipe(res);
      upstreamRes.on('error', () => res.destroy());
    },
  );

  upstream.on('error', (err) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({ detail: 'The API is unavailable.' });
    res.writeHead(502, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
    console.error(`proxy ${req.method} ${req.url}: ${err.message}`);
  });
  // The client went away before the response finished: stop the upstream request too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

async function fileAt(candidate) {
  try {
    const info = await stat(candidate);
    return info.isFile() ? { file: candidate, info } : info.isDirectory() ? { dir: true } : null;
  } catch {
    return null;
  }
}

/** Maps a URL path to a file in `root`: exact file, directory index, or `<path>.html`. */
async function resolveFile(pathname) {
  const relative = path.normalize(pathname).replace(/^([/\\])+/, '');
  const base = path.join(root, relative);
  if (base !== root && !base.startsWith(root + path.sep)) return null;

  const exact = await fileAt(base);
  if (exact?.file) return exact;
  if (exact?.dir) {
    const index = await fileAt(path.join(base, 'index.html'));
    if (index?.file) return index;
  }
  if (base !== root) {
    const html = await fileAt(`${base.replace(/[/\\]+$/, '')}.html`);
    if (html?.file) return html;
  }
  return null;
}

function sendFile(req, res, { file, info }, status = 200) {
  const ext = path.extname(file).toLowerCase();
  const immutable = file.startsWith(path.join(root, '_next', 'static') + path.sep);
  const gzip =
    status === 200 &&
    COMPRESSIBLE.has(ext) &&
    info.size > 1024 &&
    /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${gzip ? '-gz' : ''}"`;

  const headers = {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'last-modified': info.mtime.toUTCString(),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
  if (COMPRESSIBLE.has(ext)) headers.vary = 'Accept-Encoding';
  if (status === 200) headers.etag = etag;

  if (status === 200 && req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  if (gzip) headers['content-encoding'] = 'gzip';
  else headers['content-length'] = info.size;
  res.writeHead(status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  if (gzip) stream.pipe(createGzip()).pipe(res);
  else stream.pipe(res);
}

async function sendNotFound(req, res) {
  const page = await fileAt(path.join(root, '404.html'));
  if (page?.file) {
    sendFile(req, res, page, 404);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}

async function serveStatic(req, res, pathname) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Method not allowed\n');
    return;
  }
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = null;
  }
  if (decoded === null || decoded.includes('\0')) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Bad request\n');
    return;
  }
  const found = await resolveFile(decoded);
  if (found) sendFile(req, res, found);
  else await sendNotFound(req, res);
}

const server = http.createServer((req, res) => {
  const pathname = (req.url ?? '/').split('?')[0] || '/';
  if (PROXIED.test(pathname)) {
    proxy(req, res);
    return;
  }
  serveStatic(req, res, pathname).catch((err) => {
    console.error(`static ${req.method} ${req.url}:`, err);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end();
  });
});

try {
  if (!(await stat(path.join(root, 'index.html'))).isFile()) throw new Error('not a file');
} catch {
  console.error(
    `${path.join(root, 'index.html')} not found: build the app first (pnpm --filter @healthsync/web build).`,
  );
  process.exit(1);
}

server.listen(port, host, () => {
  console.log(
    `HealthSync web: serving ${root} on http://${host}:${port} (API: ${apiUrl.origin}${apiBasePath})`,
  );
});

let closing = false;
function shutdown(signal) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: shutting down`);
  server.close(() => {
    apiAgent.destroy();
    process.exit(0);
  });
  server.closeIdleConnections();
  // In-flight requests (e.g. a long download) get a few seconds, then we go anyway.
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
