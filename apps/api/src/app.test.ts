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
