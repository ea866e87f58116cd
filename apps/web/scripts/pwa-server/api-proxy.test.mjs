// @ts-check
// The proxy half of the PWA server, run as deployed: `node scripts/serve.mjs` in its own process,
// in front of a stand-in upstream that reports exactly what reached it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { makeExport, request, startEchoUpstream } from './testing.mjs';

const serveScript = fileURLToPath(new URL('../serve.mjs', import.meta.url));

async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * `node scripts/serve.mjs` on a free port; resolves once it answers.
 * @param {{ root: string, apiUrl: URL, env?: Record<string, string> }} options
 */
async function startServeScript({ root, apiUrl, env = {} }) {
  const port = await freePort();
  const child = spawn(process.execPath, [serveScript], {
    cwd: path.dirname(serveScript),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OUT_DIR: root,
      API_URL: apiUrl.href,
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  // A bound on start-up (a busy CI machine can take seconds), not a speed check.
  for (let attempt = 0; ; attempt++) {
    const up = await request(`${origin}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (attempt > 1200 || child.exitCode !== null) {
      await stop();
      throw new Error('serve.mjs did not start');
    }
    await sleep(50);
  }
  return { origin, stop };
}

describe('the API proxy', () => {
  /** @type {Awaited<ReturnType<typeof makeExport>>} */
  let site;
  /** @type {Awaited<ReturnType<typeof startEchoUpstream>>} */
  let upstream;
  /** @type {Awaited<ReturnType<typeof startServeScript>>} */
  let server;
  before(async () => {
    site = await makeExport();
    upstream = await startEchoUpstream();
    server = await startServeScript({ root: site.root, apiUrl: upstream.url });
  });
  after(async () => {
    await server.stop();
    await upstream.close();
    await site.cleanup();
  });
  const lastSeen = () => {
    const seen = upstream.seen.at(-1);
    assert.ok(seen, 'the request reached the upstream');
    return seen;
  };

  test('sets X-Forwarded-For to the client address, never appending a forged one', async () => {
    await request(`${server.origin}/api/auth/me/`, {
      headers: {
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
        forwarded: 'for=6.6.6.6',
        'x-real-ip': '6.6.6.6',
      },
    });
    const { headers } = lastSeen();
    assert.equal(headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(headers['x-forwarded-proto'], 'http');
    assert.equal(headers['x-forwarded-host'], new URL(server.origin).host);
    assert.equal(headers.forwarded, undefined);
    assert.equal(headers['x-real-ip'], undefined);
  });

  test('forwards method, path, query, body and the answer unchanged', async () => {
    const body = JSON.stringify({ name: 'Sunita Jadhav' });
    const answer = await request(`${server.origin}/api/patients/?search=Sunita&page=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t0ken' },
      body,
    });
    const seen = lastSeen();
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/api/patients/?search=Sunita&page=2');
    assert.equal(seen.body, body);
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.equal(seen.headers.authorization, 'Bearer t0ken');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['x-upstream'], 'yes');
    assert.deepEqual(JSON.parse(answer.body.toString()), { ok: true });
    // The static part's policy is not stamped on the API's answers.
    assert.equal(answer.headers['content-security-policy'], undefined);

    for (const path of ['/healthz', '/readyz', '/docs', '/docs/static/index.html', '/api']) {
      await request(`${server.origin}${path}`);
      assert.equal(lastSeen().url, path);
    }
  });

  test('a URL the proxy cannot forward is a 400 in the API error shape, not a 500', async () => {
    const answer = await request(`${server.origin}/api/patients/?search=%E0%A4`);
    assert.equal(answer.status, 400);
    assert.equal(JSON.parse(answer.body.toString()).error_code, 'BAD_REQUEST');
  });

  test('drops per-connection headers and proxy credentials', async () => {
    await request(`${server.origin}/api/sync/status/`, {
      headers: { connection: 'keep-alive, x-hop', 'x-hop': '1', 'proxy-authorization': 'Basic x' },
    });
    const { headers } = lastSeen();
    assert.equal(headers['x-hop'], undefined);
    assert.equal(headers['proxy-authorization'], undefined);
  });

  test('streams the event stream as it comes, and closes it upstream when the client leaves', async () => {
    const firstEvent = await new Promise((resolve, reject) => {
      const req = http.get(`${server.origin}/api/sync/events`, (res) => {
        assert.equal(res.headers['content-type'], 'text/event-stream');
        assert.equal(res.headers['content-encoding'], undefined);
        res.once('data', (chunk) => {
          resolve(chunk.toString());
          req.destroy(); // the phone goes away while the stream is open
        });
      });
      req.on('error', reject);
    });
    assert.match(String(firstEvent), /: connected/);
    await upstream.streamClosed; // would hang (test timeout) if the proxy kept the upstream open
  });
});

describe('the API proxy behind a trusted proxy', () => {
  test('the address the trusted proxy reports is the one the API gets', async () => {
    const site = await makeExport();
    const upstream = await startEchoUpstream();
    const server = await startServeScript({
      root: site.root,
      apiUrl: upstream.url,
      env: { TRUST_PROXY: '127.0.0.1' },
    });
    try {
      await request(`${server.origin}/api/auth/token/`, {
        headers: {
          'x-forwarded-for': '6.6.6.6, 10.1.2.3',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'clinic.example',
        },
      });
      const { headers } = upstream.seen.at(-1) ?? assert.fail('nothing reached the upstream');
      // 10.1.2.3 connected to the trusted proxy; 6.6.6.6 is only what that client claimed.
      assert.equal(headers['x-forwarded-for'], '10.1.2.3');
      assert.equal(headers['x-forwarded-proto'], 'https');
      assert.equal(headers['x-forwarded-host'], 'clinic.example');
    } finally {
      await server.stop();
      await upstream.close();
      await site.cleanup();
    }
  });
});

describe('the API proxy with the API down', () => {
  test('answers 502 with the JSON error shape', async () => {
    const site = await makeExport();
    const upstream = await startEchoUpstream();
    await upstream.close(); // its port is now closed
    const server = await startServeScript({ root: site.root, apiUrl: upstream.url });
    try {
      const answer = await request(`${server.origin}/api/sync/status/`);
      assert.equal(answer.status, 502);
      assert.deepEqual(JSON.parse(answer.body.toString()), { detail: 'The API is unavailable.' });
    } finally {
      await server.stop();
      await site.cleanup();
    }
  });
});
