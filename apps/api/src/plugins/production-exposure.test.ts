import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../env';
import { bearer, createTestApp, TEST_JWT_SECRET, type TestApp } from '../test/test-app';

/**
 * Issue 13, item 8: in production /metrics, /docs and /api/openapi.json are not open to anyone
 * unless a setting opens them explicitly (METRICS_PUBLIC, DOCS_PUBLIC). The apps below take
 * exactly what loadEnv derives from a production environment.
 */
const METRICS_TOKEN = 'metrics-token-for-production-0123';
const DOCS = ['/docs', '/docs/', '/docs/json', '/docs/static/index.html', '/api/openapi.json'];

async function productionApp(env: Record<string, string>): Promise<TestApp> {
  const { nodeEnv, metricsToken, metricsPublic, docsPublic } = loadEnv({
    NODE_ENV: 'production',
    JWT_SECRET: TEST_JWT_SECRET,
    ...env,
  });
  return createTestApp({ nodeEnv, metricsToken, metricsPublic, docsPublic });
}

const get = (t: TestApp, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('production by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await productionApp({});
  });
  afterAll(() => t?.close());

  it('closes /metrics when no METRICS_TOKEN is set', async () => {
    const response = await get(t, '/metrics');
    expect(response.statusCode).toBe(401);
    expect(response.json().error_code).toBe('NOT_AUTHENTICATED');
    expect((await get(t, '/metrics', { authorization: 'Bearer undefined' })).statusCode).toBe(401);
    expect((await get(t, '/metrics', bearer(await t.tokenFor('admin')))).statusCode).toBe(401);
  });

  it('shows the API documentation to signed-in users only', async () => {
    const token = await t.tokenFor('worker');
    for (const url of DOCS) {
      const anonymous = await get(t, url);
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.body, url).not.toContain('/api/patients');
      expect((await get(t, url, bearer('not-a-token'))).statusCode, url).toBe(401);
      expect((await get(t, url, bearer(token))).statusCode, url).toBeLessThan(400);
    }
  });
});

describe('production with METRICS_TOKEN and DOCS_PUBLIC=1', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await productionApp({ METRICS_TOKEN, METRICS_PUBLIC: '1', DOCS_PUBLIC: '1' });
  });
  afterAll(() => t?.close());

  it('needs the metrics token (METRICS_PUBLIC does not waive a configured token)', async () => {
    expect((await get(t, '/metrics')).statusCode).toBe(401);
    const scraped = await get(t, '/metrics', bearer(METRICS_TOKEN));
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('healthsync_http_request_duration_seconds');
  });

  it('opens the documentation to anyone', async () => {
    for (const url of DOCS) expect((await get(t, url)).statusCode, url).toBeLessThan(400);
    expect((await get(t, '/api/openapi.json')).json().paths).toHaveProperty(['/api/patients/']);
  });
});

describe('production with METRICS_PUBLIC=1', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await productionApp({ METRICS_PUBLIC: 'true' });
  });
  afterAll(() => t?.close());

  it('opens /metrics to anyone and keeps the documentation closed', async () => {
    expect((await get(t, '/metrics')).statusCode).toBe(200);
    expect((await get(t, '/api/openapi.json')).statusCode).toBe(401);
  });
});
