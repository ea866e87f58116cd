// @ts-check
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { IMMUTABLE_CACHE, SHELL_CACHE } from './header-policy.mjs';
import {
  INLINE_SCRIPT,
  INLINE_STYLE,
  STYLE_ATTRIBUTE,
  makeExport,
  request,
  startPwaServer,
} from './testing.mjs';

const sha256 = (/** @type {string} */ text) =>
  `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** @param {string} csp */
function directives(csp) {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the static export', () => {
  /** @type {Awaited<ReturnType<typeof makeExport>>} */
  let site;
  /** @type {Awaited<ReturnType<typeof startPwaServer>>} */
  let server;
  before(async () => {
    site = await makeExport();
    // Nothing listens on port 9: the static part must not need the API.
    server = await startPwaServer({ root: site.root, apiUrl: new URL('http://127.0.0.1:9') });
  });
  after(async () => {
    await server.app.close();
    await site.cleanup();
  });
  const get = (/** @type {string} */ path, /** @type {Record<string, string>} */ headers = {}) =>
    request(server.origin + path, { headers });

  test('documents carry a strict CSP: own scripts plus the hashes of the inline ones', async () => {
    const { headers } = await get('/');
    const csp = String(headers['content-security-policy']);
    assert.doesNotMatch(csp, /unsafe-eval/);
    const policy = directives(csp);
    assert.deepEqual(policy.get('script-src'), ["'self'", sha256(INLINE_SCRIPT)]);
    assert.deepEqual(policy.get('script-src-attr'), ["'none'"]);
    assert.deepEqual(policy.get('style-src'), ["'self'", sha256(INLINE_STYLE)]);
    assert.deepEqual(policy.get('style-src-attr'), ["'unsafe-hashes'", sha256(STYLE_ATTRIBUTE)]);
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(policy.get('object-src'), ["'none'"]);
    assert.deepEqual(policy.get('base-uri'), ["'self'"]);
    assert.deepEqual(policy.get('connect-src'), ["'self'"]);
    assert.deepEqual(policy.get('worker-src'), ["'self'"]);
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['referrer-policy'], 'no-referrer');
  });

  test('the service worker runs under the same policy; hashed assets go without it', async () => {
    const document = await get('/');
    const worker = await get('/sw.js');
    const asset = await get('/_next/static/chunks/app-1a2b.js');
    assert.equal(
      worker.headers['content-security-policy'],
      document.headers['content-security-policy'],
    );
    assert.equal(asset.headers['content-security-policy'], undefined);
    assert.equal(asset.headers['x-content-type-options'], 'nosniff');
  });

  test('hashed assets are immutable; the shell is revalidated on every use', async () => {
    for (const path of ['/_next/static/chunks/app-1a2b.js', '/_next/static/chunks/app-1a2b.css']) {
      assert.equal((await get(path)).headers['cache-control'], IMMUTABLE_CACHE, path);
    }
    for (const path of [
      '/',
      '/patients',
      '/patients/view?id=42',
      '/sw.js',
      '/manifest.webmanifest',
      '/index.txt?_rsc=abc',
      '/patients/__next.patients.__PAGE__.txt?_rsc=1x',
      '/icons/icon-192.png',
      '/no-such-page',
    ]) {
      assert.equal((await get(path)).headers['cache-control'], SHELL_CACHE, path);
    }
  });

  test('routes resolve as the export lays them out, with or without a trailing slash', async () => {
    const title = async (/** @type {string} */ path) => {
      const { status, body } = await get(path);
      return [status, /<h1>(.*?)<\/h1>/.exec(body.toString())?.[1]];
    };
    assert.deepEqual(await title('/'), [200, 'Home']);
    assert.deepEqual(await title('/index.html'), [200, 'Home']);
    assert.deepEqual(await title('/patients'), [200, 'Patients']);
    assert.deepEqual(await title('/patients/'), [200, 'Patients']);
    assert.deepEqual(await title('/patients/view?id=7f3c'), [200, 'Patient']);
    assert.deepEqual(await title('/patients/view/'), [200, 'Patient']);
  });

  test('content types: RSC payloads are text/plain whatever their query', async () => {
    const types = {
      '/': 'text/html; charset=utf-8',
      '/index.txt?_rsc=abc': 'text/plain; charset=utf-8',
      '/patients/__next.patients.__PAGE__.txt?_rsc=1x': 'text/plain; charset=utf-8',
      '/_next/static/chunks/app-1a2b.css': 'text/css; charset=utf-8',
      '/manifest.webmanifest': 'application/manifest+json',
      '/icons/icon-192.png': 'image/png',
      '/favicon.ico': 'image/x-icon',
    };
    for (const [path, type] of Object.entries(types)) {
      assert.equal((await get(path)).headers['content-type'], type, path);
    }
    assert.match(String((await get('/sw.js')).headers['content-type']), /javascript/);
  });

  test('an unknown path gets the 404 page with status 404, never cached as a page', async () => {
    const { status, headers, body } = await get('/patients/nothing-here');
    assert.equal(status, 404);
    assert.match(body.toString(), /<h1 style=.*>404<\/h1>/);
    assert.equal(headers['cache-control'], SHELL_CACHE);
    assert.ok(headers['content-security-policy']);
    // Outside the root and dotfiles: the same 404.
    assert.equal((await get('/..%2f..%2fetc%2fpasswd')).status, 404);
    assert.equal((await get('/%2e%2e/%2e%2e/etc/passwd')).status, 404);
  });

  test('writes are refused with 405; a NUL in the path is a 400', async () => {
    const post = await request(`${server.origin}/patients`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
    assert.equal((await get('/a%00b')).status, 400);
  });

  test('validators: a repeated request with the ETag is a 304', async () => {
    const first = await get('/patients');
    assert.ok(first.headers.etag);
    const again = await get('/patients', { 'if-none-match': String(first.headers.etag) });
    assert.equal(again.status, 304);
  });

  test('compression: the shell is gzipped or brotli-encoded as it is sent', async () => {
    const { headers, body } = await get('/_next/static/chunks/app-1a2b.js', {
      'accept-encoding': 'gzip',
    });
    assert.equal(headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(body).toString(), /^console\.log/);
    const br = await get('/_next/static/chunks/app-1a2b.js', { 'accept-encoding': 'br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /accept-encoding/i);
  });

  test('no HSTS over plain HTTP, even when an untrusted client claims https', async () => {
    assert.equal((await get('/')).headers['strict-transport-security'], undefined);
    const spoofed = await get('/', { 'x-forwarded-proto': 'https' });
    assert.equal(spoofed.headers['strict-transport-security'], undefined);
  });
});

describe('behind a trusted TLS proxy', () => {
  test('HSTS is sent when the trusted hop says the request came over https', async () => {
    const site = await makeExport();
    const server = await startPwaServer({
      root: site.root,
      apiUrl: new URL('http://127.0.0.1:9'),
      trustProxy: ['127.0.0.1'],
    });
    try {
      const tls = await request(`${server.origin}/`, { headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(tls.headers['strict-transport-security'], 'max-age=31536000');
      const plain = await request(`${server.origin}/`, {
        headers: { 'x-forwarded-proto': 'http' },
      });
      assert.equal(plain.headers['strict-transport-security'], undefined);
    } finally {
      await server.app.close();
      await site.cleanup();
    }
  });
});
