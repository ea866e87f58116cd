import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './env';

describe('loadEnv', () => {
  it('runs development with a generated secret and the documented defaults', () => {
    const config = loadEnv({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 8000,
      dataDir: './data',
      demo: false,
      jwtSecretGenerated: true,
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadEnv({}).jwtSecret).not.toBe(config.jwtSecret);
  });

  it('refuses production without a strong JWT secret', () => {
    for (const JWT_SECRET of [undefined, '', 'changeme', 'short-secret']) {
      expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET })).toThrow(ConfigError);
    }
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).jwtSecretGenerated).toBe(
      false,
    );
  });

  it('refuses demo accounts in production', () => {
    expect(() =>
      loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DEMO: '1' }),
    ).toThrow(/DEMO/);
  });

  it('names the bad variable', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});

describe('loadEnv for a deployment', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };

  it('warns when DATABASE_URL is set and NODE_ENV is not', () => {
    const databaseUrl = 'postgresql://healthsync@db:5432/healthsync';
    expect(loadEnv({ DATABASE_URL: databaseUrl }).startupWarnings).toEqual([
      expect.stringMatching(/^NODE_ENV is not set but DATABASE_URL is/),
    ]);
    expect(loadEnv({ DATABASE_URL: databaseUrl, NODE_ENV: 'development' }).startupWarnings).toEqual(
      [],
    );
    expect(loadEnv({ ...production, DATABASE_URL: databaseUrl }).startupWarnings).toEqual([]);
    expect(loadEnv({}).startupWarnings).toEqual([]);
  });

  it('closes /metrics and the docs in production unless opened explicitly', () => {
    expect(loadEnv(production)).toMatchObject({ metricsPublic: false, docsPublic: false });
    expect(loadEnv({ ...production, METRICS_PUBLIC: '1', DOCS_PUBLIC: 'yes' })).toMatchObject({
      metricsPublic: true,
      docsPublic: true,
    });
    expect(loadEnv({})).toMatchObject({ metricsPublic: true, docsPublic: true });
    expect(loadEnv({ DOCS_PUBLIC: '0' }).docsPublic).toBe(false);
  });
});
