// @ts-check
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderHeaderPolicy, toNginx } from './render-header-policy.mjs';
import { makeExport, request, startPwaServer } from './testing.mjs';

test('the rendered policy is what the server sends, file by file', async () => {
  const site = await makeExport();
  const server = await startPwaServer({ root: site.root, apiUrl: new URL('http://127.0.0.1:9') });
  try {
    const policy = await renderHeaderPolicy(site.root);
    assert.ok(Object.keys(policy.every).length >= 8);
    const expected = {
      '/patients/view?id=1': [policy.contentSecurityPolicy, policy.shellCache],
      '/sw.js': [policy.contentSecurityPolicy, policy.shellCache],
      '/nothing-here': [policy.contentSecurityPolicy, policy.shellCache],
      '/manifest.webmanifest': [undefined, policy.shellCache],
      '/_next/static/chunks/app-1a2b.js': [undefined, policy.immutableCache],
    };
    for (const [path, [csp, cache]] of Object.entries(expected)) {
      const { headers } = await request(server.origin + path);
      for (const [name, value] of Object.entries(policy.every)) {
        assert.equal(headers[name], value, `${path} ${name}`);
      }
      assert.equal(headers['content-security-policy'], csp, path);
      assert.equal(headers['cache-control'], cache, path);
    }
    const nginx = toNginx(policy);
    assert.ok(nginx.includes(policy.contentSecurityPolicy));
    assert.match(nginx, /add_header x-frame-options "DENY" always;/);
  } finally {
    await server.app.close();
    await site.cleanup();
  }
});
