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
