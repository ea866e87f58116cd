// @ts-check
// Test fixtures for the PWA server: a small export laid out as `next build` lays it out, a stand-in
// upstream that echoes what reaches it, and a raw HTTP client (fetch may not send every header).
import { Buffer } from 'node:buffer';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { buildPwaServer } from './build-pwa-server.mjs';

export const INLINE_SCRIPT = 'self.__next_f.push([1,"hello"])';
export const INLINE_STYLE = 'body{margin:0}';
export const STYLE_ATTRIBUTE = 'display:inline-block;margin:0 20px 0 0';

const page = (/** @type {string} */ title) =>
  `<!DOCTYPE html><html lang="en"><head><title>${title}</title>` +
  `<script src="/_next/static/chunks/app-1a2b.js" async=""></script></head>` +
  `<body><h1>${title}</h1><script>${INLINE_SCRIPT}</script></body></html>`;

/** A static export with the shapes the server must handle. */
export async function makeExport() {
  const root = await mkdtemp(path.join(tmpdir(), 'pwa-server-test-'));
  const chunk = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  /** @type {Record<string, string | Buffer>} */
  const files = {
    'index.html': page('Home'),
    'index.txt': '0:{"rsc":"home"}',
    'patients.html': page('Patients'),
    'patients.txt': '0:{"rsc":"patients"}',
    'patients/view.html': page('Patient'),
    'patients/__next.patients.__PAGE__.txt': '0:{"rsc":"segment"}',
    '404.html':
      `<!DOCTYPE html><html><head><style>${INLINE_STYLE}</style></head>` +
      `<body><h1 style="${STYLE_ATTRIBUTE}">404</h1><script>${INLINE_SCRIPT}</script></body></html>`,
    'sw.js': 'self.addEventListener("fetch", () => {});',
    'manifest.webmanifest': '{"name":"HealthSync"}',
    'icons/icon-192.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    'favicon.ico': Buffer.from([0, 0, 1, 0]),
    '_next/static/chunks/app-1a2b.js': chunk,
    '_next/static/chunks/app-1a2b.js.br': brotliCompressSync(chunk),
    '_next/static/chunks/app-1a2b.css': 'h1{color:red}',
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/**
 * @typedef {object} Seen  what reached the upstream
 * @property {string} method
 * @property {string} url
 * @property {http.IncomingHttpHeaders} headers
 * @property {string} body
 */

/**
 * A stand-in for the API: answers JSON describing the request it got; `/api/sync/events` is an
 * endless event stream (one event at once, then silence) whose close it reports.
 */
export async function startEchoUpstream() {
  /** @type {Seen[]} */
  const seen = [];
  let resolveStreamClosed = () => {};
  const streamClosed = new Promise((resolve) => {
    resolveStreamClosed = () => resolve(undefined);
  });
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    if (req.url === '/api/sync/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': connected\n\nevent: change\ndata: {}\n\n');
      res.on('close', resolveStreamClosed);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
    res.end(JSON.stringify({ ok: true }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    seen,
    streamClosed,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * The PWA server on an ephemeral port.
 * @param {Partial<import('./build-pwa-server.mjs').PwaServerOptions> & { root: string, apiUrl: URL }} options
 */
export async function startPwaServer(options) {
  const app = await buildPwaServer({ trustProxy: false, logLevel: 'silent', ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = /** @type {import('node:net').AddressInfo} */ (app.server.address());
  return { app, origin: `http://127.0.0.1:${port}` };
}

/**
 * One HTTP request with exactly these headers; resolves with the status, headers and body.
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: string }} [init]
 * @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, body: Buffer }>}
 */
export function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = /** @type {Buffer[]} */ ([]);
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
