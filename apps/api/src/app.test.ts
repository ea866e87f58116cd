import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from './test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ bodyLimitBytes: 64 * 1024 });
});
afterAll(() => t.close());

describe('the app shell', () => {
  it('answers unknown routes with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here/' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.json()).toMatchObject({ error_code: 'NOT_FOUND' });
  });

  it('serves liveness and readiness', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({
      status: 'ok',
    });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', database: t.database.kind });
  });

  it('treats the trailing slash as optional', async () => {
    const token = bearer(await t.tokenFor('worker'));
    const withSlash = await t.app.inject({ method: 'GET', url: '/api/patients/', headers: token });
    const without = await t.app.inject({ method: 'GET', url: '/api/patients', headers: token });
    expect(without.statusCode).toBe(200);
    expect(without.json()).toEqual(withSlash.json());
  });

  it('publishes an OpenAPI document generated from the contracts, and a docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/patients/', '/api/records/{id}/', '/api/auth/token/']),
    );
    const patientSchema = JSON.stringify(doc.paths['/api/patients/'].post);
    expect(patientSchema).toContain('phone_number');
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    // The one HTML page gets helmet's document headers; JSON answers only the API's set.
    expect(docs.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers an oversized body with 413 JSON and malformed JSON with 400', async () => {
    const token = bearer(await t.tokenFor('worker'));
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/patients/',
      headers: { ...token, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(100 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/patients/',
      headers: { ...token, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      errors: { body: 'Malformed JSON.' },
    });
  });

  it('sets security headers, a request id, and CORS for allowed origins only', async () => {
    const allowed = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'http://localhost:3000' },
    });
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    expect(allowed.headers['x-request-id']).toBeTruthy();
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const foreign = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps JSON answers to the headers an API needs (a no-change sync is headers alone)', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/sync/download/?since=2024-01-01T00:00:00Z',
      headers: bearer(await t.tokenFor('worker')),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-site',
      vary: 'authorization, origin, accept-encoding',
    });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    for (const documentOnly of [
      'cross-origin-opener-policy',
      'origin-agent-cluster',
      'x-dns-prefetch-control',
      'x-download-options',
      'x-permitted-cross-domain-policies',
      'x-xss-protection',
    ])
      expect(response.headers[documentOnly], documentOnly).toBeUndefined();
    // No Origin, not a cross-origin request: no CORS headers either.
    expect(response.headers['access-control-expose-headers']).toBeUndefined();
    const fromPwa = await t.app.inject({
      method: 'GET',
      url: '/api/sync/download/?since=2024-01-01T00:00:00Z',
      headers: { ...bearer(await t.tokenFor('worker')), origin: 'http://localhost:3000' },
    });
    expect(fromPwa.headers['access-control-expose-headers']).toContain('X-Last-Sync');
  });

  it('compresses large responses with brotli or gzip', async () => {
    const token = bearer(await t.tokenFor('admin'));
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { ...token, 'accept-encoding': 'br' },
    });
    expect(response.headers['content-encoding']).toBe('br');
    const gzip = await t.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });
});
